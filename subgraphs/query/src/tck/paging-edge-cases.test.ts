import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../execute/cursors.js';
import { tck } from './tck-harness.js';

describe('TCK: paging edge cases', () => {
  it('limit 0 asks for nothing but still compiles', async () => {
    expect(await tck('{ people(limit: 0) { id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(0)""
    `);
  });

  it('offset without a limit keeps the result cap', async () => {
    expect(await tck('{ people(offset: 3) { id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      SKIP $param0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(3)"
      $param1 = "int(1001)""
    `);
  });

  it('a limit above the cap is lowered to one past the cap', async () => {
    expect(await tck('{ people(limit: 50000) { id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('first: 0 on a connection fetches one edge to answer hasNextPage', async () => {
    expect(await tck('{ peopleConnection(first: 0) { pageInfo { hasNextPage } } }'))
      .toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        WITH this0
        ORDER BY this0.id ASC
        LIMIT $param0
        RETURN collect({}) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(1)""
    `);
  });

  it('after the first edge skips one', async () => {
    expect(
      await tck(
        `{ peopleConnection(first: 1, after: "${encodeCursor(0)}") { edges { node { id } } } }`,
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
      $param0 = "int(1)"
      $param1 = "int(2)""
    `);
  });

  it('a relationship connection after a cursor', async () => {
    expect(
      await tck(
        `{ people { knowsConnection(first: 2, after: "${encodeCursor(4)}") { edges { cursor node { id } } } } }`,
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WITH edge0, this1
        ORDER BY this1.id ASC
        SKIP $param1
        LIMIT $param2
        RETURN collect({ edges: { node: { id: this1.id } } }) AS var0
      }
      RETURN { knowsConnection: { __edges: var0 } } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(5)"
      $param2 = "int(3)""
    `);
  });

  it('a connection with cursors only', async () => {
    expect(await tck('{ topicsConnection(first: 3) { edges { cursor } } }')).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Topic)
        WITH this0
        ORDER BY this0.id ASC
        LIMIT $param0
        RETURN collect({ edges: {} }) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(4)""
    `);
  });

  it('a connection sorted by several keys including the key itself', async () => {
    expect(
      await tck('{ peopleConnection(first: 3, sort: [{ id: DESC }]) { edges { node { id } } } }'),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Person)
        WITH this0
        ORDER BY this0.id DESC
        LIMIT $param0
        RETURN collect({ edges: { node: { id: this0.id } } }) AS var0
      }
      RETURN { __edges: var0 } AS result
      ---
      $param0 = "int(4)""
    `);
  });

  it('nested offset without limit', async () => {
    expect(await tck('{ people { knows(offset: 2) { id } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { knows: [(this0)-[edge0:KNOWS]->(this1:Person) | { id: this1.id }][$param1..$param2] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(2)"
      $param2 = "int(1003)""
    `);
  });

  it('sorted nested list with offset', async () => {
    expect(await tck('{ people { knows(sort: [{ name: ASC }], offset: 1, limit: 1) { name } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WITH edge0, this1
        ORDER BY this1.name ASC
        SKIP $param1
        LIMIT $param2
        RETURN collect({ name: this1.name }) AS var0
      }
      RETURN { knows: var0 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1)"
      $param2 = "int(1)""
    `);
  });

  it('variables for first and after', async () => {
    expect(
      await tck(
        'query ($f: Int, $a: String) { eventsConnection(first: $f, after: $a) { totalCount } }',
        {
          variables: { f: 5, a: encodeCursor(2) },
        },
      ),
    ).toMatchInlineSnapshot(`
      "CALL {
        MATCH (this0:Event)
        RETURN count(this0) AS var0
      }
      RETURN { __total: var0 } AS result"
    `);
  });

  it('a cursor from another API is refused', async () => {
    await expect(
      tck(
        `{ peopleConnection(after: "${Buffer.from('arrayconnection:3').toString('base64')}") { totalCount } }`,
      ),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
