import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { ingestionConfig } from './config.js';
import { createIngestionSubgraph } from './create-ingestion-subgraph.js';
import { requireExternalServices, stopOnSignals } from './standalone-process.js';

/** Runs the ingestion subgraph alone, against MEMGRAPH_URI and KAFKA_BROKERS. */
const config = loadConfig(ingestionConfig);
const logger = createLogger({ service: 'ingestion', level: config.logLevel });
const services = requireExternalServices(config, logger, 'ingestion subgraph');
const subgraph = await createIngestionSubgraph({ config, logger, ...services });
await subgraph.start();
stopOnSignals(() => subgraph.stop(), logger);
