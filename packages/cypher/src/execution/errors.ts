import { MemgateError } from '@memgate/platform/errors';
import { Neo4jError, isRetryableError } from 'neo4j-driver';

/** Driver error codes that mean "the engine cannot be reached". */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Server-side codes for a transaction that ran out of time. */
const TIMEOUT_CODE = /TransactionTimedOut|TransactionTimedOutClientConfiguration|Timeout/i;

/**
 * Maps what the driver threw into Memgate's error types. The cause is kept:
 * whether to try again is decided on the driver's own error.
 */
export function toEngineError(error: unknown, context: { timeoutMs: number }): MemgateError {
  if (error instanceof MemgateError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code)) {
      return new MemgateError('DATABASE_UNAVAILABLE', 'The graph database is unavailable.', {
        cause: error,
      });
    }
    if (TIMEOUT_CODE.test(error.code) || /timed? ?out|timeout/i.test(error.message)) {
      return timeoutError(context.timeoutMs, error);
    }
    if (isRetryableError(error)) {
      return new MemgateError('DATABASE_UNAVAILABLE', 'The graph database is busy; try again.', {
        cause: error,
      });
    }
  }
  return new MemgateError('INTERNAL_SERVER_ERROR', 'The graph query failed.', { cause: error });
}

export function timeoutError(timeoutMs: number, cause?: unknown): MemgateError {
  return new MemgateError(
    'QUERY_TIMEOUT',
    `The graph query did not finish within ${timeoutMs} ms.`,
    {
      cause,
      details: { timeoutMs },
    },
  );
}
