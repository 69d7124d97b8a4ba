import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphClient, type EngineConnection } from '@memgate/cypher';
import { loadConfig } from '@memgate/platform/config';
import { inject } from 'vitest';
import { ingestionConfig, type IngestionConfig } from '../src/server/config.js';
import { TEST_MAPPINGS_DIR } from './ingestion-paths.js';
import { testGraphSdl, testLabels } from './test-model.js';

/**
 * Everything one integration test needs to stay out of every other test's
 * way: labels, bookkeeping labels, topics and a consumer group of its own,
 * on the engine and broker the global set-up started.
 */
export interface IsolatedPipeline {
  readonly suffix: string;
  readonly config: IngestionConfig;
  /** The variables the config was loaded from: a worker in a child process gets the same. */
  readonly environment: Readonly<Record<string, string>>;
  readonly engine: EngineConnection;
  readonly kafkaBrokers: string[];
  /** A client for checking the graph directly. */
  readonly graph: GraphClient;
  dispose(): Promise<void>;
}

export async function isolatedPipeline(
  environment: Record<string, string> = {},
): Promise<IsolatedPipeline> {
  const suffix = `_${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'memgate-ingestion-'));
  const schemaPath = join(dir, 'graph.graphql');
  await writeFile(schemaPath, testGraphSdl(suffix));
  const variables = {
    LOG_LEVEL: 'silent',
    MEMGATE_INGESTION_PORT: '0',
    MEMGATE_WORKER_PORT: '0',
    MEMGATE_GRAPH_SCHEMA_PATH: schemaPath,
    MEMGATE_KAFKA_TOPIC_PREFIX: `memgate.test${suffix}.`,
    MEMGATE_KAFKA_PARTITIONS: '3',
    MEMGATE_WORKER_GROUP_ID: `writers${suffix}`,
    MEMGATE_RECEIPT_LABEL: `MemgateReceipt${suffix}`,
    MEMGATE_OFFSET_LABEL: `MemgateOffset${suffix}`,
    MEMGATE_INGESTION_MAPPINGS_DIR: TEST_MAPPINGS_DIR,
    ...environment,
  };
  const config = loadConfig(ingestionConfig, variables);
  const engine = {
    uri: inject('boltUri'),
    user: inject('boltUser'),
    password: inject('boltPassword'),
  };
  const graph = await GraphClient.connect(engine, { timeoutMs: 30_000 });
  return {
    suffix,
    config,
    environment: variables,
    engine,
    kafkaBrokers: inject('kafkaBrokers'),
    graph,
    async dispose() {
      for (const label of [...testLabels(suffix), config.receiptLabel, config.offsetLabel]) {
        await graph.write({ text: `MATCH (n:\`${label}\`) DETACH DELETE n`, params: {} });
      }
      await graph.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls until `probe` returns a value, or fails after `timeoutMs` with the
 * last thing it saw. Tests wait for outcomes, never for fixed times.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(200);
  }
  const why = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`${what} did not happen within ${timeoutMs} ms${why}`);
}

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}
