import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { ingestionConfig } from './config.js';
import { createIngestionWorker } from './create-ingestion-worker.js';
import { requireExternalServices, stopOnSignals } from './standalone-process.js';

/** Runs one writer worker, against MEMGRAPH_URI and KAFKA_BROKERS; scale by running more. */
const config = loadConfig(ingestionConfig);
const logger = createLogger({ service: 'ingestion-worker', level: config.logLevel });
const worker = await createIngestionWorker({
  config,
  logger,
  ...requireExternalServices(config, logger, 'ingestion worker'),
});
await worker.start();
stopOnSignals(() => worker.stop(), logger);
