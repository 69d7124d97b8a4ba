import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { ingestionConfig } from './config.js';
import { createIngestionWorker } from './create-ingestion-worker.js';
import { requireExternalServices, stopOnSignals } from './standalone-process.js';

/**
 * Runs one writer worker, against MEMGRAPH_URI and KAFKA_BROKERS; scale by
 * running more. It serves /healthz, /readyz and /metrics on MEMGATE_WORKER_PORT.
 */
const config = loadConfig(ingestionConfig);
const logger = createLogger({ service: 'ingestion-worker', level: config.logLevel });
const worker = await createIngestionWorker({
  config,
  logger,
  ...requireExternalServices(config, logger, 'ingestion worker'),
});
const listening = await worker.start();
logger.info({ url: listening.url }, 'ingestion worker serving /healthz, /readyz and /metrics');
stopOnSignals(() => worker.stop(), logger);
