import { LABELS } from './bench-graph.js';

export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** One read, said three ways that return the same data. */
export interface BenchOperation {
  readonly key: OperationKey;
  readonly label: string;
  readonly memgate: GraphQLRequest;
  readonly neo4jGraphql: GraphQLRequest;
  /** The read as a developer would hand-write it for neo4j-driver. */
  readonly cypher: { readonly text: string; readonly params: Record<string, unknown> };
}

export const OPERATION_KEYS = ['lookup', 'nested', 'connection'] as const;
export type OperationKey = (typeof OPERATION_KEYS)[number];

const { person: P, organization: O } = LABELS;
const TEN_IDS = Array.from({ length: 10 }, (_, i) => `p${i * 997 + 3}`);

export const OPERATIONS: Record<OperationKey, BenchOperation> = {
  lookup: {
    key: 'lookup',
    label: 'simple lookup',
    memgate: {
      query: 'query ($id: ID!) { people(where: { id: { eq: $id } }) { id name age } }',
      variables: { id: 'p4242' },
    },
    neo4jGraphql: {
      query: 'query ($id: ID!) { people(where: { id: { eq: $id } }) { id name age } }',
      variables: { id: 'p4242' },
    },
    cypher: {
      text: `MATCH (p:${P} {id: $id}) RETURN p { .id, .name, .age } AS p`,
      params: { id: 'p4242' },
    },
  },
  nested: {
    key: 'nested',
    label: '3-level nested, filtered',
    memgate: {
      query:
        'query ($ids: [ID!]!) { people(where: { id: { in: $ids } }) { name knows(where: { age: { lt: 50 } }, limit: 5) { name worksAt { name } } } }',
      variables: { ids: TEN_IDS },
    },
    neo4jGraphql: {
      query:
        'query ($ids: [ID!]!) { people(where: { id: { in: $ids } }) { name knows(where: { age: { lt: 50 } }, limit: 5) { name worksAt { name } } } }',
      variables: { ids: TEN_IDS },
    },
    cypher: {
      text: `MATCH (p:${P}) WHERE p.id IN $ids
RETURN p { .name, knows: [(p)-[:KNOWS]->(k:${P}) WHERE k.age < 50 | k { .name, worksAt: [(k)-[:WORKS_AT]->(o:${O}) | o { .name }] }][..5] } AS p`,
      params: { ids: TEN_IDS },
    },
  },
  connection: {
    key: 'connection',
    label: 'connection + aggregate',
    memgate: {
      query:
        'query ($min: Int!) { peopleConnection(first: 10, where: { age: { gte: $min } }, sort: [{ age: DESC }]) { totalCount edges { node { name knowsAggregate { count } } } } }',
      variables: { min: 80 },
    },
    neo4jGraphql: {
      query:
        'query ($min: Int!) { peopleConnection(first: 10, where: { age: { gte: $min } }, sort: [{ age: DESC }]) { totalCount edges { node { name knowsConnection { aggregate { count { nodes } } } } } } }',
      variables: { min: 80 },
    },
    cypher: {
      text: `CALL { MATCH (p:${P}) WHERE p.age >= $min RETURN count(p) AS total }
CALL { MATCH (q:${P}) WHERE q.age >= $min WITH q ORDER BY q.age DESC, q.id ASC LIMIT 10
       RETURN collect(q { .name, knows: size([(q)-[:KNOWS]->(:${P}) | 1]) }) AS edges }
RETURN total, edges`,
      params: { min: 80 },
    },
  },
};
