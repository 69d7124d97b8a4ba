import { parseGraphModel } from '@memgate/graph-model';
import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from '../../test/apiSchema.js';
import { GRAPH_SDL } from '../../test/tinyGraph.js';
import { composeSupergraph, FEDERATION_LINK } from '../../test/tinySubgraphs.js';
import { subscriptionSdl } from './subscriptionSdl.js';
import { NodeQuery, whereKeys } from './nodeQuery.js';
import { subfieldSelections } from './selections.js';

const schema = apiSchemaOf(
  composeSupergraph([
    {
      name: 'query',
      url: 'http://q',
      sdl: `${FEDERATION_LINK}
        type Query { people(where: PersonWhere, limit: Int): [Person!]! topics(where: TopicWhere): [Topic!]! }
        input IDFilter { in: [ID!] eq: ID }
        input PersonWhere { id: IDFilter }
        input TopicWhere { id: IDFilter }
        type Person @key(fields: "id") { id: ID! name: String! friends(limit: Int): [Person!]! }
        type Topic @key(fields: "id") { id: ID! name: String! }`,
    },
    {
      name: 'ingestion',
      url: 'http://i',
      sdl: `${FEDERATION_LINK}
        scalar DateTime
        type IngestionReceipt @key(fields: "id") { id: ID! }
        type Person @key(fields: "id", resolvable: false) { id: ID! }
        type Topic @key(fields: "id", resolvable: false) { id: ID! }
        ${subscriptionSdl(['Person', 'Topic'])}`,
    },
  ]),
);
const model = parseGraphModel(GRAPH_SDL);

function plan(
  subscription: string,
  variables: Record<string, unknown> = {},
): NodeQuery | undefined {
  const document = parse(subscription);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION
        ? [[definition.name.value, definition] as const]
        : [],
    ),
  );
  const root = operation.selectionSet.selections[0];
  if (root?.kind !== Kind.FIELD || !root.selectionSet) throw new Error('no root field');
  const change = schema.getType('GraphChange');
  if (!isObjectType(change)) throw new Error('no GraphChange');
  return NodeQuery.plan({
    schema,
    model,
    nodeSelections: subfieldSelections([root.selectionSet], 'node', fragments),
    nodeType: getNamedType(change.getFields()['node']!.type),
    fragments,
    variableDefinitions: operation.variableDefinitions ?? [],
    variables,
  });
}

describe('NodeQuery', () => {
  it('asks each node type’s list field for what the subscription selected on it', () => {
    const query = plan(
      `subscription ($n: Int) {
      graphChanged { node { __typename ... on Person { name friends(limit: $n) { name } } ... on Topic { name } } }
    }`,
      { n: 2 },
    );
    expect(print(query!.document)).toBe(
      print(
        parse(`query MemgateGraphChangedNodes($memgate_where_0: PersonWhere, $memgate_include_0: Boolean!, $memgate_limit_0: Int, $memgate_where_1: TopicWhere, $memgate_include_1: Boolean!, $n: Int) {
          n0: people(where: $memgate_where_0, limit: $memgate_limit_0) @include(if: $memgate_include_0) {
            __typename memgate_key_id: id __typename ... on Person { __typename name friends(limit: $n) { __typename name } }
          }
          n1: topics(where: $memgate_where_1) @include(if: $memgate_include_1) {
            __typename memgate_key_id: id __typename ... on Topic { __typename name }
          }
        }`),
      ),
    );
  });

  it('fills the variables of a burst: keys per type, the rest skipped', () => {
    const query = plan(
      'subscription { graphChanged { node { ... on Person { name } ... on Topic { name } } } }',
    )!;
    expect(
      query.variables([
        { typename: 'Person', key: { id: 'p1' } },
        { typename: 'Person', key: { id: 'p2' } },
        { typename: 'Person', key: { id: 'p1' } },
      ]),
    ).toEqual({
      memgate_include_0: true,
      memgate_where_0: { id: { in: ['p1', 'p2'] } },
      memgate_limit_0: 2,
      memgate_include_1: false,
      memgate_where_1: null,
    });
  });

  it('matches answers back to events by key, with their errors re-rooted', () => {
    const query = plan('subscription { graphChanged { node { ... on Person { name } } } }')!;
    const completions = query.completions(
      {
        data: {
          n0: [
            { memgate_key_id: 'p2', name: 'Alan' },
            { memgate_key_id: 'p1', name: null },
          ],
        },
        errors: [{ message: 'boom', path: ['n0', 1, 'name'] }],
      },
      [
        { typename: 'Person', key: { id: 'p1' } },
        { typename: 'Person', key: { id: 'p2' } },
        { typename: 'Person', key: { id: 'gone' } },
      ],
    );
    expect(completions.map((completion) => Object.fromEntries(completion))).toEqual([
      {
        node: {
          value: { memgate_key_id: 'p1', name: null },
          errors: [{ message: 'boom', path: ['name'] }],
        },
      },
      { node: { value: { memgate_key_id: 'p2', name: 'Alan' }, errors: [] } },
      { node: { value: null, errors: [] } },
    ]);
  });

  it('needs no query when nothing under node is selected', () => {
    expect(plan('subscription { graphChanged { key } }')).toBeUndefined();
  });

  it('builds compound-key filters', () => {
    expect(whereKeys(['a', 'b'], [{ a: 1, b: 'x' }])).toEqual({
      OR: [{ a: { eq: 1 }, b: { eq: 'x' } }],
    });
  });
});
