import { describe, expect, it } from 'vitest';
import { tck } from './tck-harness.js';

describe('TCK: interfaces and unions', () => {
  it('an interface relationship with only __typename', async () => {
    expect(await tck('{ documents { mentions { __typename } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person' } WHEN this1:Organization THEN { __typename: 'Organization' } WHEN this1:Topic THEN { __typename: 'Topic' } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('an interface relationship filtered on common fields', async () => {
    expect(await tck('{ documents { mentions(where: { name: { contains: "a" } }) { name } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND this1.name CONTAINS $param1 | CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name } WHEN this1:Organization THEN { __typename: 'Organization', name: this1.name } WHEN this1:Topic THEN { __typename: 'Topic', name: this1.name } END][..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "a"
      $param2 = "int(1001)""
    `);
  });

  it('an interface relationship sorted on a common field', async () => {
    expect(await tck('{ documents { mentions(sort: [{ name: DESC }], limit: 2) { name } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:MENTIONS]->(this1)
        WHERE (this1:Person OR this1:Organization OR this1:Topic)
        WITH edge0, this1
        ORDER BY this1.name DESC
        LIMIT $param1
        RETURN collect(CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name } WHEN this1:Organization THEN { __typename: 'Organization', name: this1.name } WHEN this1:Topic THEN { __typename: 'Topic', name: this1.name } END) AS var0
      }
      RETURN { mentions: var0 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(2)""
    `);
  });

  it('an interface relationship narrowed to one type', async () => {
    expect(await tck('{ documents { mentions(where: { typename: [Topic] }) { name } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND this1:Topic | CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name } WHEN this1:Organization THEN { __typename: 'Organization', name: this1.name } WHEN this1:Topic THEN { __typename: 'Topic', name: this1.name } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('an interface relationship narrowed with NOT typename', async () => {
    expect(await tck('{ documents { mentions(where: { NOT: { typename: [Person] } }) { id } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND NOT this1:Person | CASE WHEN this1:Person THEN { __typename: 'Person', id: this1.id } WHEN this1:Organization THEN { __typename: 'Organization', id: this1.id } WHEN this1:Topic THEN { __typename: 'Topic', id: this1.id } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('nested relationships inside a type fragment of an interface target', async () => {
    expect(
      await tck(
        '{ documents { mentions { ... on Person { name worksAt { name } } ... on Topic { documents { title } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentions: [(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name, worksAt: [(this1)-[edge1:WORKS_AT]->(this2:Organization) | { name: this2.name }][..$param1] } WHEN this1:Organization THEN { __typename: 'Organization' } WHEN this1:Topic THEN { __typename: 'Topic', documents: [(this1)<-[edge2:ABOUT]-(this3:Document) | { title: this3.title }][..$param2] } END][..$param3] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)"
      $param2 = "int(1001)"
      $param3 = "int(1001)""
    `);
  });

  it('a union relationship filtered to one member', async () => {
    expect(
      await tck(
        '{ people { follows(where: { Organization: { public: { eq: true } } }) { ... on Organization { name } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { follows: [(this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND (this1:Organization AND this1.public = $param1) | CASE WHEN this1:Person THEN { __typename: 'Person' } WHEN this1:Organization THEN { __typename: 'Organization', name: this1.name } WHEN this1:Topic THEN { __typename: 'Topic' } END][..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = true
      $param2 = "int(1001)""
    `);
  });

  it('a union relationship with offset and limit', async () => {
    expect(await tck('{ people { follows(offset: 1, limit: 2) { ... on Topic { name } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { follows: [(this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person' } WHEN this1:Organization THEN { __typename: 'Organization' } WHEN this1:Topic THEN { __typename: 'Topic', name: this1.name } END][$param1..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1)"
      $param2 = "int(3)""
    `);
  });

  it('a union relationship with a named fragment per member', async () => {
    expect(
      await tck(
        '{ people { follows { ...P ...O } } } fragment P on Person { name } fragment O on Organization { industry }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { follows: [(this0)-[edge0:FOLLOWS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) | CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name } WHEN this1:Organization THEN { __typename: 'Organization', industry: this1.industry } WHEN this1:Topic THEN { __typename: 'Topic' } END][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('an interface aggregate with node statistics', async () => {
    expect(
      await tck(
        '{ documents { mentionsAggregate(where: { name: { startsWith: "M" } }) { count node { name { longest } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:MENTIONS]->(this1)
        WHERE (this1:Person OR this1:Organization OR this1:Topic) AND this1.name STARTS WITH $param1
        WITH count(this1) AS var0, reduce(best = null, candidate IN collect(this1.name) | CASE WHEN best IS NULL OR size(candidate) > size(best) THEN candidate ELSE best END) AS var1
        RETURN { count: var0, node: { name: { longest: var1 } } } AS var2
      }
      RETURN { mentionsAggregate: var2 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "M""
    `);
  });

  it('an interface connection filtered on the node', async () => {
    expect(
      await tck(
        '{ documents { mentionsConnection(where: { node: { typename: [Organization, Topic] } }) { totalCount } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      RETURN { mentionsConnection: { __total: size([(this0)-[edge0:MENTIONS]->(this1) WHERE (this1:Person OR this1:Organization OR this1:Topic) AND (this1:Organization OR this1:Topic) | 1]) } } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('an interface root list is one union of label scans', async () => {
    expect(await tck('{ entities(limit: 5) { __typename name } }')).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        RETURN this0
        UNION
        MATCH (this0:Organization)
        RETURN this0
        UNION
        MATCH (this0:Topic)
        RETURN this0
      }
      WITH this0
      LIMIT $param0
      RETURN CASE WHEN this0:Person THEN { __typename: 'Person', name: this0.name } WHEN this0:Organization THEN { __typename: 'Organization', name: this0.name } WHEN this0:Topic THEN { __typename: 'Topic', name: this0.name } END AS result
      ---
      $param0 = "int(5)""
    `);
  });

  it('an interface root list filtered, narrowed by typename and sorted', async () => {
    expect(
      await tck(
        '{ entities(where: { name: { startsWith: "A" }, typename: [Person, Topic] }, sort: [{ name: ASC }]) { id ... on Person { email } } }',
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        RETURN this0
        UNION
        MATCH (this0:Organization)
        RETURN this0
        UNION
        MATCH (this0:Topic)
        RETURN this0
      }
      WITH this0
      WHERE ((this0:Person OR this0:Topic) AND this0.name STARTS WITH $param0)
      WITH this0
      ORDER BY this0.name ASC
      LIMIT $param1
      RETURN CASE WHEN this0:Person THEN { __typename: 'Person', id: this0.id, email: this0.email } WHEN this0:Organization THEN { __typename: 'Organization', id: this0.id } WHEN this0:Topic THEN { __typename: 'Topic', id: this0.id } END AS result
      ---
      $param0 = "A"
      $param1 = "int(1001)""
    `);
  });
});
