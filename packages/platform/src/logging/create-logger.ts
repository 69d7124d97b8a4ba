import { pino, type Logger, type LoggerOptions } from 'pino';
import { correlationFields } from './trace-fields.js';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out on every line. Tokens and passwords must never reach
 * a log file, whichever service or library put them in the log object.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'config.password',
  'credentials',
  '*.credentials',
];

export interface CreateLoggerOptions {
  /** The service name, on every line as `service`. */
  service: string;
  level: string;
  /** Where lines go; standard output unless a test captures them. */
  destination?: pino.DestinationStream;
}

/**
 * The one way Memgate services log: JSON lines, ISO time, secrets redacted,
 * and on every line written while a request or span is active its
 * `requestId`, `trace_id` and `span_id` (fields the call passes win).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin: correlationFields,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
