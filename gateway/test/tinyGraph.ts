import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { subscriptionSdl } from '../src/subscriptions/subscriptionSdl.js';
import { composeSupergraph, FEDERATION_LINK } from './tinySubgraphs.js';

/**
 * A tiny graph shaped like Memgate's: a graph SDL with @auth, a `query`
 * subgraph with the generated read API's conventions (`people(where: {
 * id: { in } }, limit)`), and an `ingestion` subgraph with receipts and the
 * subscription SDL. Each subgraph records the operations it receives and can
 * be slowed down.
 */
export const GRAPH_SDL = `
  type Person @node @key(fields: "id") {
    id: ID! @id
    name: String!
    email: String @auth(requires: ["ANALYST", "ADMIN"])
  }
  type Topic @node @key(fields: "id") {
    id: ID! @id
    name: String!
  }
`;

const QUERY_SDL = `${FEDERATION_LINK}
  type Query {
    people(where: PersonWhere, limit: Int): [Person!]!
    topics(where: TopicWhere, limit: Int): [Topic!]!
  }
  input IDFilter { eq: ID in: [ID!] }
  input PersonWhere { id: IDFilter email: IDFilter }
  input TopicWhere { id: IDFilter }
  type Person @key(fields: "id") { id: ID! name: String! email: String }
  type Topic @key(fields: "id") { id: ID! name: String! }
`;

const INGESTION_SDL = `${FEDERATION_LINK}
  scalar DateTime
  enum IngestionStatus { ACCEPTED COMPLETED FAILED }
  type IngestionReceipt @key(fields: "id") {
    id: ID!
    source: String!
    status: IngestionStatus!
    accepted: Int!
    written: Int!
    rejected: Int!
    updatedAt: DateTime!
    people: [Person!]!
  }
  type Person @key(fields: "id", resolvable: false) { id: ID! }
  type Topic @key(fields: "id", resolvable: false) { id: ID! }
  type Query { ingestionReceipt(id: ID!): IngestionReceipt }
  ${subscriptionSdl(['Person', 'Topic'])}
`;

interface Row {
  id: string;
  name: string;
  email?: string;
}

export interface TinyGraph {
  readonly supergraphSdl: string;
  /** Rows the query subgraph serves, by type; tests change them. */
  readonly people: Map<string, Row>;
  readonly topics: Map<string, Row>;
  readonly receipts: Map<
    string,
    {
      id: string;
      source: string;
      status: string;
      accepted: number;
      written: number;
      rejected: number;
      updatedAt: string;
      people: { id: string }[];
    }
  >;
  /** Operation names the query subgraph received, in order. */
  readonly queryOperations: string[];
  /** Milliseconds the query subgraph waits before answering. */
  delayMs: number;
  stop(): Promise<void>;
}

type Where = { id?: { eq?: string; in?: string[] } } | null | undefined;

function matching(rows: Map<string, Row>, where: Where, limit: number | null | undefined): Row[] {
  const ids = where?.id?.in ?? (where?.id?.eq !== undefined ? [where.id.eq] : undefined);
  const found = [...rows.values()].filter((row) => !ids || ids.includes(row.id));
  return limit === null || limit === undefined ? found : found.slice(0, limit);
}

async function serve(
  schema: ReturnType<typeof buildSubgraphSchema>,
  onRequest: (operationName: string) => Promise<void>,
) {
  const server = new ApolloServer({
    schema,
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        requestDidStart: ({ request }) =>
          onRequest(request.operationName ?? '').then(() => undefined),
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

export async function startTinyGraph(): Promise<TinyGraph> {
  const people = new Map<string, Row>([
    ['p1', { id: 'p1', name: 'Ada', email: 'ada@example.org' }],
    ['p2', { id: 'p2', name: 'Alan', email: 'alan@example.org' }],
  ]);
  const topics = new Map<string, Row>([['t1', { id: 't1', name: 'Graphs' }]]);
  const receipts: TinyGraph['receipts'] = new Map();
  const queryOperations: string[] = [];
  const graph = { delayMs: 0 };
  const query = await serve(
    buildSubgraphSchema({
      typeDefs: parse(QUERY_SDL),
      resolvers: {
        Query: {
          people: (_: unknown, args: { where?: Where; limit?: number | null }) =>
            matching(people, args.where, args.limit),
          topics: (_: unknown, args: { where?: Where; limit?: number | null }) =>
            matching(topics, args.where, args.limit),
        },
        Person: { __resolveReference: (ref: { id: string }) => people.get(ref.id) ?? null },
        Topic: { __resolveReference: (ref: { id: string }) => topics.get(ref.id) ?? null },
      },
    }),
    async (operationName) => {
      queryOperations.push(operationName);
      if (graph.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, graph.delayMs));
    },
  );
  const ingestion = await serve(
    buildSubgraphSchema({
      typeDefs: parse(INGESTION_SDL),
      resolvers: {
        Query: {
          ingestionReceipt: (_: unknown, args: { id: string }) => receipts.get(args.id) ?? null,
        },
      },
    }),
    () => Promise.resolve(),
  );
  const supergraphSdl = composeSupergraph([
    { name: 'query', url: query.url, sdl: QUERY_SDL },
    { name: 'ingestion', url: ingestion.url, sdl: INGESTION_SDL },
  ]);
  return Object.assign(graph, {
    supergraphSdl,
    people,
    topics,
    receipts,
    queryOperations,
    stop: async () => {
      await Promise.all([query.stop(), ingestion.stop()]);
    },
  });
}
