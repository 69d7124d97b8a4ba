import { describe, expect, it } from 'vitest';
import { tck } from './tck-harness.js';

describe('TCK: relationship filters', () => {
  it('some related node matches', async () => {
    expect(await tck('{ people(where: { knows: { some: { name: { eq: "Ada" } } } }) { id } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE EXISTS { MATCH (this0)-[edge0:KNOWS]->(this1:Person) WHERE this1.name = $param0 }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(1001)""
    `);
  });

  it('some with an empty condition: any relationship exists', async () => {
    expect(await tck('{ people(where: { authored: { some: {} } }) { id } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE EXISTS { MATCH (this0)-[edge0:AUTHORED]->(this1:Document) }
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('none', async () => {
    expect(
      await tck('{ people(where: { worksAt: { none: { industry: { eq: "Tobacco" } } } }) { id } }'),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT EXISTS { MATCH (this0)-[edge0:WORKS_AT]->(this1:Organization) WHERE this1.industry = $param0 }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Tobacco"
      $param1 = "int(1001)""
    `);
  });

  it('all', async () => {
    expect(await tck('{ people(where: { attended: { all: { online: { eq: true } } } }) { id } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT EXISTS { MATCH (this0)-[edge0:ATTENDED]->(this1:Event) WHERE NOT this1.online = $param0 }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = true
      $param1 = "int(1001)""
    `);
  });

  it('all with an empty condition is always true', async () => {
    expect(await tck('{ people(where: { attended: { all: {} } }) { id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE true
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('single', async () => {
    expect(await tck('{ people(where: { worksAt: { single: { public: { eq: true } } } }) { id } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE size([(this0)-[edge0:WORKS_AT]->(this1:Organization) WHERE this1.public = $param0 | 1]) = 1
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = true
      $param1 = "int(1001)""
    `);
  });

  it('several quantifiers on one relationship all hold', async () => {
    expect(
      await tck(
        '{ people(where: { knows: { some: { age: { gt: 60 } }, none: { age: { lt: 18 } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (EXISTS { MATCH (this0)-[edge0:KNOWS]->(this1:Person) WHERE this1.age > $param0 } AND NOT EXISTS { MATCH (this0)-[edge1:KNOWS]->(this2:Person) WHERE this2.age < $param1 })
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(60)"
      $param1 = "int(18)"
      $param2 = "int(1001)""
    `);
  });

  it('an incoming relationship', async () => {
    expect(await tck('{ documents(where: { authors: { some: { name: { eq: "Ada" } } } }) { id } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WHERE EXISTS { MATCH (this0)<-[edge0:AUTHORED]-(this1:Person) WHERE this1.name = $param0 }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(1001)""
    `);
  });

  it('filters nested two relationships deep', async () => {
    expect(
      await tck(
        '{ people(where: { authored: { some: { about: { some: { name: { eq: "Graphs" } } } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE EXISTS { MATCH (this0)-[edge0:AUTHORED]->(this1:Document) WHERE EXISTS { MATCH (this1)-[edge1:ABOUT]->(this2:Topic) WHERE this2.name = $param0 } }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Graphs"
      $param1 = "int(1001)""
    `);
  });

  it('a relationship filter combined with OR', async () => {
    expect(
      await tck(
        '{ people(where: { OR: [{ knows: { some: { name: { eq: "Ada" } } } }, { age: { gt: 90 } }] }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (EXISTS { MATCH (this0)-[edge0:KNOWS]->(this1:Person) WHERE this1.name = $param0 } OR this0.age > $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(90)"
      $param2 = "int(1001)""
    `);
  });

  it('NOT around a relationship filter', async () => {
    expect(await tck('{ people(where: { NOT: { follows: { some: {} } } }) { id } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT EXISTS { MATCH (this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) }
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('an interface target checks the implementing labels', async () => {
    expect(
      await tck(
        '{ documents(where: { mentions: { some: { name: { startsWith: "Mem" } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WHERE EXISTS { MATCH (this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND this1.name STARTS WITH $param0 }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Mem"
      $param1 = "int(1001)""
    `);
  });

  it('an interface target narrowed by typename', async () => {
    expect(
      await tck(
        '{ documents(where: { mentions: { some: { typename: [Person], name: { eq: "Ada" } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WHERE EXISTS { MATCH (this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND (this1:Person AND this1.name = $param0) }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(1001)""
    `);
  });

  it('a union target filtered per member', async () => {
    expect(
      await tck(
        '{ people(where: { follows: { some: { Topic: { name: { eq: "Graphs" } }, Organization: {} } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE EXISTS { MATCH (this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND (this1:Organization OR (this1:Topic AND this1.name = $param0)) }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Graphs"
      $param1 = "int(1001)""
    `);
  });

  it('relationship properties through the connection filter', async () => {
    expect(
      await tck(
        '{ people(where: { knowsConnection: { some: { properties: { strength: { gte: 0.8 } } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE EXISTS { MATCH (this0)-[edge0:KNOWS]->(this1:Person) WHERE edge0.strength >= $param0 }
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = 0.8
      $param1 = "int(1001)""
    `);
  });

  it('relationship properties and the related node together', async () => {
    expect(
      await tck(
        '{ people(where: { worksAtConnection: { some: { node: { name: { eq: "Memgraph" } }, properties: { current: { eq: true } } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE EXISTS { MATCH (this0)-[edge0:WORKS_AT]->(this1:Organization) WHERE (this1.name = $param0 AND edge0.current = $param1) }
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Memgraph"
      $param1 = true
      $param2 = "int(1001)""
    `);
  });

  it('logical operators inside an edge condition', async () => {
    expect(
      await tck(
        '{ people(where: { worksAtConnection: { all: { OR: [{ properties: { role: { eq: "CTO" } } }, { node: { public: { eq: false } } }] } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT EXISTS { MATCH (this0)-[edge0:WORKS_AT]->(this1:Organization) WHERE NOT (edge0.role = $param0 OR this1.public = $param1) }
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "CTO"
      $param1 = false
      $param2 = "int(1001)""
    `);
  });

  it('single over relationship properties', async () => {
    expect(
      await tck(
        '{ topics(where: { documentsConnection: { single: { properties: { score: { gt: 0.9 } } } } }) { id } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Topic)
      WHERE size([(this0)<-[edge0:ABOUT]-(this1:Document) WHERE edge0.score > $param0 | 1]) = 1
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = 0.9
      $param1 = "int(1001)""
    `);
  });

  it('a relationship filter on a nested field', async () => {
    expect(
      await tck(
        '{ people { authored(where: { about: { some: { name: { eq: "Graphs" } } } }) { title } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { authored: [(this0)-[edge0:AUTHORED]->(this1:Document) WHERE EXISTS { MATCH (this1)-[edge1:ABOUT]->(this2:Topic) WHERE this2.name = $param1 } | { title: this1.title }][..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "Graphs"
      $param2 = "int(1001)""
    `);
  });
});
