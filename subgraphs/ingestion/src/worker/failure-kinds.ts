import { isMemgateError } from '@memgate/platform/errors';

/**
 * How a failed batch write is handled. `engine`: the engine is down, busy
 * or slow (the graph client has already retried the transaction); wait and
 * retry, and let the circuit breaker count it. `broker`: the dead letters
 * could not be published; wait and retry. `batch`: something in the batch
 * itself fails (a constraint, a value the engine refuses); retry a few
 * times, then split the batch to find the record.
 */
export type FailureKind = 'engine' | 'broker' | 'batch';

export function failureKind(error: unknown): FailureKind {
  if (isMemgateError(error)) {
    if (error.code === 'DATABASE_UNAVAILABLE' || error.code === 'QUERY_TIMEOUT') return 'engine';
    if (error.code === 'BROKER_UNAVAILABLE') return 'broker';
  }
  return 'batch';
}

export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${message}${cause}`;
}
