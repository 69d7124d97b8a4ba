import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { queryConfig } from './config.js';
import { createQuerySubgraph } from './create-query-subgraph.js';

/** Runs the query subgraph alone, against MEMGRAPH_URI (containers, Kubernetes). */
const config = loadConfig(queryConfig);
const logger = createLogger({ service: 'query', level: config.logLevel });
if (!config.uri) {
  logger.fatal(
    'MEMGRAPH_URI is required to run the query subgraph on its own; `npm start` starts a local engine.',
  );
  process.exit(2);
}
const subgraph = await createQuerySubgraph({
  config,
  logger,
  engine: { uri: config.uri, user: config.user, password: config.password },
});
await subgraph.start();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    void subgraph.stop().then(() => process.exit(0));
  });
}
