/**
 * Entry of the child process running one ingestion worker for the ingest
 * benchmark, so its memory is its own to measure. Reads its configuration
 * from the environment like `worker-main.ts`; says it is ready once
 * consuming, then sends a memory sample every 250 ms (lib/child-process.ts);
 * stops when its parent closes stdin.
 */
import { createIngestionWorker, ingestionConfig } from '@memgate/ingestion';
import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { failAsChild, memorySample, serveAsChild } from '../../lib/child-process.js';

try {
  const config = loadConfig(ingestionConfig);
  const logger = createLogger({ service: 'bench-ingestion-worker', level: config.logLevel });
  const worker = await createIngestionWorker({
    config,
    logger,
    engine: { uri: config.uri ?? '', user: config.user, password: config.password },
    kafkaBrokers: config.brokers,
  });
  await worker.start();
  serveAsChild({ ready: true }, memorySample, () => worker.stop());
} catch (error) {
  failAsChild(error);
}
