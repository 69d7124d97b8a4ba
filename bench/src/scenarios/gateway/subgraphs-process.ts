/**
 * Entry of the child process that serves the benchmark's subgraphs: the
 * query subgraph, the ingestion subgraph and its worker, as `npm start`
 * runs them, on the engine and broker named by MEMGRAPH_URI and
 * KAFKA_BROKERS. Prints `{"urls": {query, ingestion}}` once listening, then
 * memory samples; stops when its parent closes stdin.
 */
import {
  createIngestionSubgraph,
  createIngestionWorker,
  ingestionConfig,
} from '@memgate/ingestion';
import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { createQuerySubgraph, queryConfig } from '@memgate/query';
import { failAsChild, serveAsChild } from '../../lib/child-process.js';

const environment = {
  ...process.env,
  MEMGATE_QUERY_PORT: '0',
  MEMGATE_INGESTION_PORT: '0',
  MEMGATE_WORKER_PORT: '0',
};
const engine = {
  uri: process.env['MEMGRAPH_URI'] ?? '',
  user: process.env['MEMGRAPH_USER'] || undefined,
  password: process.env['MEMGRAPH_PASSWORD'] || undefined,
};
const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
const logger = (service: string) => createLogger({ service, level: 'warn' });

/**
 * A broker that has just started may still be loading its group
 * coordinator; the worker's first join can fail on that, so it is retried.
 */
async function startWorker(
  settings: ReturnType<typeof loadConfig<typeof ingestionConfig>>,
): Promise<{ stop(): Promise<void> }> {
  for (let attempt = 1; ; attempt += 1) {
    const worker = await createIngestionWorker({
      config: settings,
      logger: logger('worker'),
      engine,
      kafkaBrokers: brokers,
    });
    try {
      await worker.start();
      return worker;
    } catch (error) {
      await worker.stop().catch(() => undefined);
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

try {
  const query = await createQuerySubgraph({
    config: loadConfig(queryConfig, environment),
    logger: logger('query'),
    engine,
  });
  const settings = loadConfig(ingestionConfig, environment);
  const ingestion = await createIngestionSubgraph({
    config: settings,
    logger: logger('ingestion'),
    engine,
    kafkaBrokers: brokers,
  });
  const [queryListening, ingestionListening] = await Promise.all([
    query.start(),
    ingestion.start(),
  ]);
  const worker = await startWorker(settings);
  serveAsChild(
    {
      urls: {
        query: `${queryListening.url}/graphql`,
        ingestion: `${ingestionListening.url}/graphql`,
      },
    },
    () => {
      const { rss, heapUsed } = process.memoryUsage();
      return { rss, heapUsed };
    },
    async () => {
      await worker.stop();
      await ingestion.stop();
      await query.stop();
    },
  );
} catch (error) {
  failAsChild(error);
}
