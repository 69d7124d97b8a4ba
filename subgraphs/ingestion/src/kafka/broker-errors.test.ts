import { MemgateError } from '@memgate/platform/errors';
import { describe, expect, it } from 'vitest';
import { toBrokerError } from './broker-errors.js';

function kafkaJsError(name: string, retriable: boolean): Error {
  return Object.assign(new Error('boom'), { name, retriable });
}

describe('toBrokerError', () => {
  it.each([
    'KafkaJSConnectionError',
    'KafkaJSNumberOfRetriesExceeded',
    'KafkaJSRequestTimeoutError',
    'KafkaJSNoBrokerAvailableError',
  ])('%s means the broker is unavailable', (name) => {
    const error = toBrokerError(kafkaJsError(name, false), 'queue the records');
    expect(error).toMatchObject({ code: 'BROKER_UNAVAILABLE', httpStatus: 503 });
    expect(error.message).toBe('The message broker is unavailable (queue the records).');
  });

  it('a retriable protocol error that outlived its retries is unavailability too', () => {
    expect(toBrokerError(kafkaJsError('KafkaJSProtocolError', true), 'x').code).toBe(
      'BROKER_UNAVAILABLE',
    );
  });

  it('a non-retriable protocol error (too large, not allowed) is ours, not the client’s', () => {
    expect(toBrokerError(kafkaJsError('KafkaJSProtocolError', false), 'x').code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
    expect(toBrokerError(new TypeError('bug'), 'x').code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('keeps a MemgateError as it is', () => {
    const original = new MemgateError('BAD_USER_INPUT', 'no');
    expect(toBrokerError(original, 'x')).toBe(original);
  });
});
