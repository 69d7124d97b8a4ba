import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Statement } from '@memgate/cypher';
import { loadConfig } from '@memgate/platform/config';
import type { EngineEndpoint } from '@memgate/platform/launcher';
import { createLogger } from '@memgate/platform/logging';
import { createQuerySubgraph, queryConfig, type QuerySubgraph } from '@memgate/query';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Operation } from '../../lib/load-driver.js';
import { MEMGATE_SDL, NEO4J_GRAPHQL_SDL } from './bench-graph.js';
import type { BenchOperation, GraphQLRequest } from './operations.js';

export type Peer = 'memgate subgraph' | '@neo4j/graphql' | 'hand-written Cypher';

/** A running way to serve the benchmark reads, and how to send one. */
export interface Server {
  readonly peer: Peer;
  request(operation: BenchOperation): Operation;
  close(): Promise<void>;
}

function driverFor(engine: EngineEndpoint): Driver {
  const auth = engine.user ? neo4j.auth.basic(engine.user, engine.password ?? '') : undefined;
  return neo4j.driver(engine.uri, auth, {
    maxConnectionPoolSize: 100,
    logging: { level: 'error', logger: () => undefined },
  });
}

/** Memgate's query subgraph, as deployed: HTTP, Apollo Server, compiled Cypher. */
export async function startMemgate(
  engine: EngineEndpoint,
): Promise<Server & { subgraph: QuerySubgraph; url: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-bench-'));
  const schemaPath = path.join(dir, 'graph.graphql');
  await writeFile(schemaPath, MEMGATE_SDL);
  const config = loadConfig(queryConfig, { MEMGATE_QUERY_PORT: '0', MEMGATE_GRAPH_SCHEMA_PATH: schemaPath, LOG_LEVEL: 'warn' });
  const subgraph = await createQuerySubgraph({
    config,
    logger: createLogger({ service: 'query', level: 'warn' }),
    engine: { uri: engine.uri, user: engine.user, password: engine.password },
  });
  const { url } = await subgraph.start();
  return {
    peer: 'memgate subgraph',
    subgraph,
    url: `${url}/graphql`,
    request: (operation) => httpRequest(`${url}/graphql`, operation.memgate),
    close: () => subgraph.stop(),
  };
}

/** @neo4j/graphql on the same engine, served by Apollo Server the way its docs show. */
export async function startNeo4jGraphql(engine: EngineEndpoint): Promise<Server> {
  const driver = driverFor(engine);
  const schema = await new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_SDL, driver }).getSchema();
  const apollo = new ApolloServer({ schema, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(apollo, {
    listen: { port: 0, host: '127.0.0.1' },
    context: () => Promise.resolve({ executionContext: driver }),
  });
  return {
    peer: '@neo4j/graphql',
    request: (operation) => httpRequest(url, operation.neo4jGraphql),
    close: async () => {
      await apollo.stop();
      await driver.close();
    },
  };
}

/** The floor: the same read hand-written in Cypher, sent with the driver's recommended API. */
export function startHandWritten(engine: EngineEndpoint): Server {
  const driver = driverFor(engine);
  return {
    peer: 'hand-written Cypher',
    request: (operation) => async () => {
      await driver.executeQuery(operation.cypher.text, operation.cypher.params, {
        routing: neo4j.routing.READ,
      });
    },
    close: () => driver.close(),
  };
}

function httpRequest(url: string, request: GraphQLRequest): Operation {
  const body = JSON.stringify(request);
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body,
    });
    const result = (await response.json()) as { errors?: { message: string }[] };
    if (!response.ok || result.errors) {
      throw new Error(result.errors?.[0]?.message ?? `HTTP ${response.status}`);
    }
  };
}

export interface Transfer {
  readonly roundTrips: number;
  readonly rows: number;
  /** JSON size of what the engine returned: a proxy for bytes on the wire. */
  readonly resultBytes: number;
}

/** Runs a peer's statements once on the engine and measures what comes back. */
export async function measureTransfer(engine: EngineEndpoint, statements: readonly Statement[]): Promise<Transfer> {
  const driver = driverFor(engine);
  try {
    let rows = 0;
    let resultBytes = 0;
    for (const statement of statements) {
      const { records } = await driver.executeQuery(statement.text, statement.params, { routing: neo4j.routing.READ });
      rows += records.length;
      resultBytes += JSON.stringify(records.map((record) => record.toObject()), (_, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      ).length;
    }
    return { roundTrips: statements.length, rows, resultBytes };
  } finally {
    await driver.close();
  }
}
