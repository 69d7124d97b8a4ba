export { createLogger, REDACTED_PATHS } from './create-logger.js';
export type { CreateLoggerOptions, Logger } from './create-logger.js';
export { currentRequestId, runWithRequestId } from './request-context.js';
export { correlationFields, traceFieldsOf } from './trace-fields.js';
export type { CorrelationFields } from './trace-fields.js';
