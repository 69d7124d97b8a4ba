import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf, committedSupergraphSdl } from '../../test/apiSchema.js';
import { composeSupergraph } from '../../test/tinySubgraphs.js';
import { readCostDirectives } from './costDirectives.js';
import { operationCost, type CostOptions } from './operationCost.js';

const sdl = committedSupergraphSdl();
const schema = apiSchemaOf(sdl);
const options: CostOptions = {
  defaultListSize: 100,
  slicingArguments: ['first', 'last', 'limit'],
  directives: readCostDirectives(sdl),
};

function cost(
  query: string,
  variables: Record<string, unknown> = {},
  using = options,
  on = schema,
): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return operationCost(on, document, operation, variables, using);
}

describe('operationCost', () => {
  it('counts object fields, not scalars', () => {
    expect(cost('{ peopleAggregate { count } }')).toBe(1);
    expect(cost('{ people(limit: 1) { id name email } }')).toBe(1);
  });

  it('multiplies what sits in a list by the list’s size from limit/first, or the default', () => {
    // people (1) + 10 × worksAt (1 each)
    expect(cost('{ people(limit: 10) { worksAt(limit: 5) { name } } }')).toBe(11);
    // people (1) + 100 × knows (1) + 100 × 100 × knows (1)
    expect(cost('{ people { knows { knows { name } } } }')).toBe(1 + 100 + 10_000);
  });

  it('reads list sizes from variables, which a validation rule never sees', () => {
    const query = 'query ($n: Int) { people(limit: $n) { knows(limit: $n) { name } } }';
    expect(cost(query, { n: 2 })).toBe(3);
    expect(cost(query, { n: 1000 })).toBe(1001);
  });

  it('sizes a list by its slicing argument whatever its other arguments hold', () => {
    // The filter is not valid (validation refuses it); the limit still sizes the list.
    expect(cost('{ people(limit: 3, where: { nope: 1 }) { knows(limit: 2) { name } } }')).toBe(
      1 + 3,
    );
    expect(
      cost(
        'query ($w: PersonWhere) { people(limit: 4, where: $w) { worksAt(limit: 1) { name } } }',
        {
          w: { id: { eq: 'p1' } },
        },
      ),
    ).toBe(1 + 4);
  });

  it('falls back to the default size when a slicing variable is not given', () => {
    expect(cost('query ($n: Int) { people(limit: $n) { knows(limit: 1) { name } } }')).toBe(
      1 + 100,
    );
  });

  it('sizes a connection’s edges by its first argument', () => {
    expect(
      cost(
        '{ peopleConnection(first: 3) { totalCount edges { node { worksAt(limit: 2) { name } } } } }',
      ),
    ).toBe(
      // connection (1) + edges (1) + 3 × node (1) + 3 × worksAt (1)
      1 + 1 + 3 + 3,
    );
  });

  it('counts fragments where they are spread', () => {
    expect(
      cost('{ people(limit: 4) { ...P } } fragment P on Person { worksAt(limit: 1) { name } }'),
    ).toBe(5);
    expect(
      cost(
        '{ documents(limit: 2) { mentions(limit: 3) { ... on Person { knows(limit: 1) { id } } } } }',
      ),
    ).toBe(1 + 2 + 6);
  });

  it('uses @cost weights and @listSize from the supergraph', () => {
    const weighted = composeSupergraph([
      {
        name: 'shop',
        url: 'http://shop',
        sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
          type Query {
            items(first: Int): [Item!]! @listSize(slicingArguments: ["first"], assumedSize: 50)
            report: Int @cost(weight: 20)
          }
          type Item @key(fields: "id") { id: ID! related: [Item!]! @listSize(assumedSize: 2) heavy: String @cost(weight: 5) }`,
      },
    ]);
    const using = { ...options, directives: readCostDirectives(weighted) };
    const shop = apiSchemaOf(weighted);
    expect(cost('{ report }', {}, using, shop)).toBe(20);
    expect(cost('{ items(first: 4) { heavy } }', {}, using, shop)).toBe(1 + 4 * 5);
    expect(cost('{ items { related { heavy } } }', {}, using, shop)).toBe(1 + 50 + 50 * 2 * 5);
  });
});
