export { createLogger, REDACTED_PATHS } from './create-logger.js';
export type { CreateLoggerOptions, Logger } from './create-logger.js';
