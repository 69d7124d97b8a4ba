/** One GraphQL request as sent over HTTP. */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string;
}

/** What the n-th request of a read asks about: a person, a receipt. */
export interface Subjects {
  readonly people: number;
  readonly receiptIds: readonly string[];
}

/**
 * One benchmark read, and whether the query subgraph alone can answer it.
 * Each request asks about another subject, as real traffic does: identical
 * requests in flight at once could be coalesced by a gateway (Hive
 * Gateway deduplicates them), which would measure a cache, not a gateway.
 */
export interface GatewayOperation {
  readonly key: OperationKey;
  readonly label: string;
  /** The n-th request of this read. */
  readonly request: (subjects: Subjects, n: number) => GraphQLRequest;
  /** Sent straight to the query subgraph too: it needs no other subgraph. */
  readonly direct: boolean;
}

export const OPERATION_KEYS = ['one-hop', 'two-hop', 'both-subgraphs'] as const;
export type OperationKey = (typeof OPERATION_KEYS)[number];

/** Node ids of the benchmark graph, apart from anyone's data. */
export const ID_PREFIX = 'gwbench-';
export const personId = (index: number): string => `${ID_PREFIX}${index}`;

const person = (subjects: Subjects, n: number): string => personId(n % subjects.people);

export const OPERATIONS: Record<OperationKey, GatewayOperation> = {
  'one-hop': {
    key: 'one-hop',
    label: 'a person and whom they know (1 hop)',
    direct: true,
    request: (subjects, n) => ({
      operationName: 'OneHop',
      query:
        'query OneHop($id: ID!) { people(where: { id: { eq: $id } }) { id name age knows { id name } } }',
      variables: { id: person(subjects, n) },
    }),
  },
  'two-hop': {
    key: 'two-hop',
    label: 'two hops, nested',
    direct: true,
    request: (subjects, n) => ({
      operationName: 'TwoHop',
      query:
        'query TwoHop($id: ID!) { people(where: { id: { eq: $id } }) { name knows { name knows { name } } } }',
      variables: { id: person(subjects, n) },
    }),
  },
  'both-subgraphs': {
    key: 'both-subgraphs',
    label: 'an ingestion receipt with its people and whom they know (2 subgraphs)',
    direct: false,
    request: (subjects, n) => ({
      operationName: 'Receipt',
      query:
        'query Receipt($id: ID!) { ingestionReceipt(id: $id) { status people { name knows { name } } } }',
      variables: { id: subjects.receiptIds[n % subjects.receiptIds.length] },
    }),
  },
};

/** The r-th upsert: five people the cross-subgraph read then finds on its receipt. */
export function upsert(r: number): GraphQLRequest {
  const indexes = [0, 1, 2, 3, 4].map((offset) => r * 5 + offset);
  return {
    operationName: 'Upsert',
    query: 'mutation Upsert($input: [PersonInput!]!) { upsertPeople(input: $input) { id } }',
    variables: {
      input: indexes.map((index) => ({ id: personId(index), name: `Person ${index}` })),
    },
  };
}
