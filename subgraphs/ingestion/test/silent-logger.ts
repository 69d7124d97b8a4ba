import { createLogger, type Logger } from '@memgate/platform/logging';

/** A logger that writes nothing; spy on its methods to check what was logged. */
export function silentLogger(): Logger {
  return createLogger({ service: 'ingestion-test', level: 'silent' });
}
