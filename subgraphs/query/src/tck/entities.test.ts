import { describe, expect, it } from 'vitest';
import { tck, translateAll } from './tck-harness.js';

const ENTITIES =
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } ... on Topic { name description } } }';

describe('TCK: federation entities', () => {
  it('one UNWIND over the representations of a type', async () => {
    expect(
      await tck(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name email } } }',
        {
          variables: {
            r: [
              { __typename: 'Person', id: 'p1' },
              { __typename: 'Person', id: 'p2' },
            ],
          },
        },
      ),
    ).toMatchInlineSnapshot(`
      "UNWIND $param0 AS var0
      MATCH (this0:Person)
      WHERE this0.id = var0.id
      RETURN var0.__index AS index, { name: this0.name, email: this0.email } AS result
      ---
      $param0 = [{"__index":0,"id":"p1"},{"__index":1,"id":"p2"}]"
    `);
  });

  it('one statement per type in the request, however many representations', async () => {
    const statements = await translateAll(ENTITIES, {
      variables: {
        r: [
          { __typename: 'Person', id: 'p1' },
          { __typename: 'Topic', id: 't1' },
          { __typename: 'Person', id: 'p2' },
          { __typename: 'Topic', id: 't2' },
        ],
      },
    });
    expect(statements).toHaveLength(2);
    expect(statements.map((statement) => statement.params['param0'])).toEqual([
      [
        { __index: 0, id: 'p1' },
        { __index: 1, id: 'p2' },
      ],
      [
        { __index: 0, id: 't1' },
        { __index: 1, id: 't2' },
      ],
    ]);
  });

  it('nested selections of an entity compile into its statement', async () => {
    expect(
      await tck(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { name employees(limit: 2) { name } } } }',
        {
          variables: { r: [{ __typename: 'Organization', id: 'o1' }] },
        },
      ),
    ).toMatchInlineSnapshot(`
      "UNWIND $param1 AS var0
      MATCH (this0:Organization)
      WHERE this0.id = var0.id
      RETURN var0.__index AS index, { name: this0.name, employees: [(this0)<-[edge0:WORKS_AT]-(this1:Person) | { name: this1.name }][..$param0] } AS result
      ---
      $param0 = "int(2)"
      $param1 = [{"__index":0,"id":"o1"}]"
    `);
  });

  it('a representation without its key is bad input', async () => {
    await expect(
      tck('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', {
        variables: { r: [{ __typename: 'Person', name: 'no id' }] },
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
