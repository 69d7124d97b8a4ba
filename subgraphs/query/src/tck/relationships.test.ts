import { describe, expect, it } from 'vitest';
import { tck } from './tck-harness.js';

describe('TCK: relationship fields', () => {
  it('an outgoing list in a pattern comprehension', async () => {
    expect(await tck('{ people { name knows { name } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { name: this0.name, knows: [(this0)-[edge0:KNOWS]->(this1:Person) | { name: this1.name }][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('an incoming list', async () => {
    expect(await tck('{ organizations { name employees { name } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Organization)
      WITH this0
      LIMIT $param0
      RETURN { name: this0.name, employees: [(this0)<-[edge0:WORKS_AT]-(this1:Person) | { name: this1.name }][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('a filtered nested list', async () => {
    expect(await tck('{ people { knows(where: { age: { gt: 30 } }) { name } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { knows: [(this0)-[edge0:KNOWS]->(this1:Person) WHERE this1.age > $param1 | { name: this1.name }][..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(30)"
      $param2 = "int(1001)""
    `);
  });

  it('limit and offset on a nested list slice the comprehension', async () => {
    expect(await tck('{ people { knows(offset: 2, limit: 3) { name } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { knows: [(this0)-[edge0:KNOWS]->(this1:Person) | { name: this1.name }][$param1..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(2)"
      $param2 = "int(5)""
    `);
  });

  it('a sorted nested list uses a subquery', async () => {
    expect(await tck('{ people { knows(sort: [{ age: DESC }], limit: 3) { name } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WITH edge0, this1
        ORDER BY this1.age DESC
        LIMIT $param1
        RETURN collect({ name: this1.name }) AS var0
      }
      RETURN { knows: var0 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(3)""
    `);
  });

  it('three levels deep in one statement', async () => {
    expect(
      await tck(
        '{ people(limit: 2) { name authored { title about { name documents { title } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { name: this0.name, authored: [(this0)-[edge0:AUTHORED]->(this1:Document) | { title: this1.title, about: [(this1)-[edge1:ABOUT]->(this2:Topic) | { name: this2.name, documents: [(this2)<-[edge2:ABOUT]-(this3:Document) | { title: this3.title }][..$param1] }][..$param2] }][..$param3] } AS result
      ---
      $param0 = "int(2)"
      $param1 = "int(1001)"
      $param2 = "int(1001)"
      $param3 = "int(1001)""
    `);
  });

  it('a sorted list inside an unsorted one makes both subqueries', async () => {
    expect(await tck('{ people { authored { title about(sort: [{ name: ASC }]) { name } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:AUTHORED]->(this1:Document)
        WITH edge0, this1
        LIMIT $param1
        CALL {
          WITH this1
          MATCH (this1)-[edge1:ABOUT]->(this2:Topic)
          WITH edge1, this2
          ORDER BY this2.name ASC
          LIMIT $param2
          RETURN collect({ name: this2.name }) AS var0
        }
        RETURN collect({ title: this1.title, about: var0 }) AS var1
      }
      RETURN { authored: var1 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)"
      $param2 = "int(1001)""
    `);
  });

  it('the same relationship twice with different arguments', async () => {
    expect(
      await tck(
        '{ people { young: knows(where: { age: { lt: 30 } }) { name } old: knows(where: { age: { gte: 30 } }) { name } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { young: [(this0)-[edge0:KNOWS]->(this1:Person) WHERE this1.age < $param1 | { name: this1.name }][..$param2], old: [(this0)-[edge1:KNOWS]->(this2:Person) WHERE this2.age >= $param3 | { name: this2.name }][..$param4] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(30)"
      $param2 = "int(1001)"
      $param3 = "int(30)"
      $param4 = "int(1001)""
    `);
  });

  it('an interface target projects each type with its fragment', async () => {
    expect(
      await tck(
        '{ documents { mentions { id ... on Person { email } ... on Organization { industry } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person', id: this1.id, email: this1.email } WHEN this1:Organization THEN { __typename: 'Organization', id: this1.id, industry: this1.industry } WHEN this1:Topic THEN { __typename: 'Topic', id: this1.id } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('an interface target with a named fragment on the interface', async () => {
    expect(await tck('{ documents { mentions { ...E } } } fragment E on Entity { name }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name } WHEN this1:Organization THEN { __typename: 'Organization', name: this1.name } WHEN this1:Topic THEN { __typename: 'Topic', name: this1.name } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('a union target projects only what each member selects', async () => {
    expect(
      await tck('{ people { follows { ... on Person { name } ... on Topic { description } } } }'),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { follows: [(this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name } WHEN this1:Organization THEN { __typename: 'Organization' } WHEN this1:Topic THEN { __typename: 'Topic', description: this1.description } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('a union target with a limit', async () => {
    expect(await tck('{ people { follows(limit: 5) { __typename } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { follows: [(this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person' } WHEN this1:Organization THEN { __typename: 'Organization' } WHEN this1:Topic THEN { __typename: 'Topic' } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(5)""
    `);
  });

  it('fragments inside nested selections', async () => {
    expect(
      await tck('{ people { knows { ...P } } } fragment P on Person { name worksAt { name } }'),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { knows: [(this0)-[edge0:KNOWS]->(this1:Person) | { name: this1.name, worksAt: [(this1)-[edge1:WORKS_AT]->(this2:Organization) | { name: this2.name }][..$param1] }][..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)"
      $param2 = "int(1001)""
    `);
  });

  it('@skip on a nested relationship removes its comprehension', async () => {
    expect(await tck('{ people { name knows @skip(if: true) { name } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('a to-one relationship returns a node, not a list', async () => {
    const { tckSchema } = await import('./tck-harness.js');
    const schema = tckSchema(`
      type Car @node { vin: ID! @id  owner: Person @relationship(type: "OWNS", direction: IN) }
      type Person @node { id: ID! @id  name: String }
    `);
    expect(await tck('{ cars { vin owner { name } } }', { schema })).toMatchInlineSnapshot(`
      "MATCH (this0:Car)
      WITH this0
      LIMIT $param0
      RETURN { vin: this0.vin, owner: head([(this0)<-[edge0:OWNS]-(this1:Person) | { name: this1.name }]) } AS result
      ---
      $param0 = "int(1001)""
    `);
  });
});
