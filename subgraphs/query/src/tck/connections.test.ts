import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../execute/cursors.js';
import { tck } from './tck-harness.js';

describe('TCK: connections', () => {
  it('root connection with edges, totalCount and pageInfo', async () => {
    expect(
      await tck(
        '{ peopleConnection(first: 10) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        RETURN count(this0) AS var0
      }
      CALL {
        MATCH (this1:Person)
        WITH this1
        ORDER BY this1.id ASC
        LIMIT $param0
        RETURN collect({ edges: { node: { name: this1.name } } }) AS var1
      }
      RETURN { __total: var0, __edges: var1 } AS result
      ---
      $param0 = "int(11)""
    `);
  });

  it('root connection continuing after a cursor', async () => {
    expect(
      await tck(
        `{ peopleConnection(first: 5, after: "${encodeCursor(9)}") { edges { node { id } } } }`,
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        WITH this0
        ORDER BY this0.id ASC
        SKIP $param0
        LIMIT $param1
        RETURN collect({ edges: { node: { id: this0.id } } }) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(10)"
      $param1 = "int(6)""
    `);
  });

  it('root connection sorted, with the key as tiebreaker', async () => {
    expect(
      await tck(
        '{ eventsConnection(first: 3, sort: [{ startsAt: DESC }]) { edges { node { name } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Event)
        WITH this0
        ORDER BY this0.startsAt DESC, this0.id ASC
        LIMIT $param0
        RETURN collect({ edges: { node: { name: this0.name } } }) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(4)""
    `);
  });

  it('root connection with a filter, counting only', async () => {
    expect(await tck('{ peopleConnection(where: { age: { gt: 30 } }) { totalCount } }'))
      .toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        WHERE this0.age > $param0
        RETURN count(this0) AS var0
      }
      RETURN { __total: var0 } AS result
      ---
      $param0 = "int(30)""
    `);
  });

  it('root connection without first is capped', async () => {
    expect(await tck('{ topicsConnection { edges { node { name } } } }')).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Topic)
        WITH this0
        ORDER BY this0.id ASC
        LIMIT $param0
        RETURN collect({ edges: { node: { name: this0.name } } }) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('pageInfo alone still fetches the page', async () => {
    expect(
      await tck(
        '{ documentsConnection(first: 2) { pageInfo { hasNextPage hasPreviousPage startCursor } } }',
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Document)
        WITH this0
        ORDER BY this0.id ASC
        LIMIT $param0
        RETURN collect({}) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(3)""
    `);
  });

  it('relationship connection with relationship properties', async () => {
    expect(
      await tck(
        '{ people { worksAtConnection(first: 2) { totalCount edges { properties { role startYear } node { name } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:WORKS_AT]->(this1:Organization)
        WITH edge0, this1
        ORDER BY this1.id ASC
        LIMIT $param1
        RETURN collect({ edges: { node: { name: this1.name }, properties: { role: edge0.role, startYear: edge0.startYear } } }) AS var0
      }
      RETURN { worksAtConnection: { __edges: var0, __total: size([(this0)-[edge1:WORKS_AT]->(this2:Organization) | 1]) } } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(3)""
    `);
  });

  it('relationship connection sorted by a relationship property', async () => {
    expect(
      await tck(
        '{ people { knowsConnection(sort: [{ properties: { strength: DESC } }], first: 5) { edges { node { name } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WITH edge0, this1
        ORDER BY edge0.strength DESC, this1.id ASC
        LIMIT $param1
        RETURN collect({ edges: { node: { name: this1.name } } }) AS var0
      }
      RETURN { knowsConnection: { __edges: var0 } } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(6)""
    `);
  });

  it('relationship connection sorted by node then property', async () => {
    expect(
      await tck(
        '{ people { worksAtConnection(sort: [{ node: { name: ASC } }, { properties: { startYear: DESC } }]) { edges { node { name } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:WORKS_AT]->(this1:Organization)
        WITH edge0, this1
        ORDER BY this1.name ASC, edge0.startYear DESC, this1.id ASC
        LIMIT $param1
        RETURN collect({ edges: { node: { name: this1.name } } }) AS var0
      }
      RETURN { worksAtConnection: { __edges: var0 } } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('relationship connection filtered on node and properties', async () => {
    expect(
      await tck(
        '{ topics { documentsConnection(where: { node: { wordCount: { gt: 100 } }, properties: { score: { gte: 0.5 } } }) { totalCount } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Topic)
      WITH this0
      LIMIT $param0
      RETURN { documentsConnection: { __total: size([(this0)<-[edge0:ABOUT]-(this1:Document) WHERE (this1.wordCount > $param1 AND edge0.score >= $param2) | 1]) } } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(100)"
      $param2 = 0.5"
    `);
  });

  it('relationship connection to an interface', async () => {
    expect(
      await tck(
        '{ documents { mentionsConnection(first: 3) { edges { node { name ... on Person { email } } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:MENTIONS]->(this1)
        WHERE (this1:Person OR this1:Organization OR this1:Topic)
        WITH edge0, this1
        ORDER BY this1.id ASC
        LIMIT $param1
        RETURN collect({ edges: { node: CASE WHEN this1:Person THEN { __typename: 'Person', name: this1.name, email: this1.email } WHEN this1:Organization THEN { __typename: 'Organization', name: this1.name } WHEN this1:Topic THEN { __typename: 'Topic', name: this1.name } END } }) AS var0
      }
      RETURN { mentionsConnection: { __edges: var0 } } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(4)""
    `);
  });

  it('aliased edges selections', async () => {
    expect(
      await tck(
        '{ peopleConnection(first: 1) { a: edges { node { id } } b: edges { c: cursor node { name } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        WITH this0
        ORDER BY this0.id ASC
        LIMIT $param0
        RETURN collect({ a: { node: { id: this0.id } }, b: { node: { name: this0.name } } }) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(2)""
    `);
  });

  it('a connection nested in a connection', async () => {
    expect(
      await tck(
        '{ organizationsConnection(first: 2) { edges { node { name employeesConnection(first: 2) { totalCount edges { node { name } } } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Organization)
        WITH this0
        ORDER BY this0.id ASC
        LIMIT $param0
        CALL {
          WITH this0
          MATCH (this0)<-[edge0:WORKS_AT]-(this1:Person)
          WITH edge0, this1
          ORDER BY this1.id ASC
          LIMIT $param1
          RETURN collect({ edges: { node: { name: this1.name } } }) AS var0
        }
        RETURN collect({ edges: { node: { name: this0.name, employeesConnection: { __edges: var0, __total: size([(this0)<-[edge1:WORKS_AT]-(this2:Person) | 1]) } } } }) AS var1
      }
      RETURN { __edges: var1 } AS result
      ---
      $param0 = "int(3)"
      $param1 = "int(3)""
    `);
  });

  it('a garbage cursor is bad input', async () => {
    await expect(
      tck('{ peopleConnection(after: "nonsense") { totalCount } }'),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('first above the list limit is bad input', async () => {
    await expect(tck('{ peopleConnection(first: 5000) { totalCount } }')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('first must be at most 1000'),
    });
  });
});
