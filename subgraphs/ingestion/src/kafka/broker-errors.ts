import { MemgateError } from '@memgate/platform/errors';

/**
 * kafkajs errors are recognised by name: its error classes are not named
 * exports that Node's ESM loader can see, and a name check also survives
 * two copies of kafkajs in one process.
 */
function isKafkaJsError(error: unknown): error is Error & { retriable?: boolean; type?: string } {
  return error instanceof Error && error.name.startsWith('KafkaJS');
}

/**
 * Maps what kafkajs threw. By the time an error reaches us kafkajs has
 * retried it, so a connection, timeout or retriable protocol error means the
 * broker cannot take the records now: BROKER_UNAVAILABLE, a 503 the client
 * may retry. A non-retriable protocol error (a record too large, a missing
 * permission) is ours to fix, not the client's.
 */
export function toBrokerError(error: unknown, action: string): MemgateError {
  if (error instanceof MemgateError) return error;
  if (isKafkaJsError(error)) {
    const rejected = error.name === 'KafkaJSProtocolError' && error.retriable === false;
    if (!rejected) {
      return new MemgateError(
        'BROKER_UNAVAILABLE',
        `The message broker is unavailable (${action}).`,
        {
          cause: error,
        },
      );
    }
  }
  return new MemgateError('INTERNAL_SERVER_ERROR', `The message broker refused to ${action}.`, {
    cause: error,
  });
}
