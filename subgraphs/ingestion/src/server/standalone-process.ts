import type { Logger } from '@memgate/platform/logging';
import type { IngestionConfig } from './config.js';

/**
 * A process started on its own (container, Kubernetes) uses external
 * services only; `npm start` is the way to get local ones.
 */
export function requireExternalServices(
  config: IngestionConfig,
  logger: Logger,
  role: string,
): {
  engine: { uri: string; user: string | undefined; password: string | undefined };
  kafkaBrokers: string[];
} {
  const missing = [
    ...(config.uri ? [] : ['MEMGRAPH_URI']),
    ...(config.brokers.length > 0 ? [] : ['KAFKA_BROKERS']),
  ];
  if (!config.uri || missing.length > 0) {
    logger.fatal(
      { missing },
      `${missing.join(' and ')} must be set to run the ${role} on its own; \`npm start\` starts local services.`,
    );
    process.exit(2);
  }
  return {
    engine: { uri: config.uri, user: config.user, password: config.password },
    kafkaBrokers: config.brokers,
  };
}

/** Stops on SIGINT / SIGTERM, once, and exits when stopped. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stopped with an error');
          process.exit(1);
        },
      );
    });
  }
}
