import { MemgateError } from '@memgate/platform/errors';

/**
 * One request carries between one and `max` records: an empty one would
 * produce a receipt for nothing, and an unbounded one would sit in memory
 * whole while it is queued.
 */
export function checkRecordCount(count: number, max: number): void {
  if (count === 0) {
    throw new MemgateError('BAD_USER_INPUT', 'input must hold at least one record.', {
      details: { limit: max, given: 0 },
    });
  }
  if (count > max) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `input holds ${count} records; at most ${max} are accepted per request. Split it into several requests.`,
      { details: { limit: max, given: count } },
    );
  }
}

/**
 * Raw records share Kafka messages up to 256 KB (ADR 0012); a larger one
 * travels alone, and the broker refuses messages over its limit (1 MB by
 * default): a record over `maxBytes` is refused here, naming it, instead of
 * failing the whole request later.
 */
export function checkRecordSizes(records: readonly unknown[], maxBytes: number): void {
  records.forEach((record, index) => {
    const bytes = Buffer.byteLength(JSON.stringify(record));
    if (bytes > maxBytes) {
      throw new MemgateError(
        'BAD_USER_INPUT',
        `records[${index}] is ${bytes} bytes; at most ${maxBytes} are accepted per record.`,
        { details: { recordIndex: index, limit: maxBytes, given: bytes } },
      );
    }
  });
}

/** Idempotency keys are stored on receipts and indexed: keep them short. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export function checkIdempotencyKey(key: string): void {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`,
      { details: { limit: MAX_IDEMPOTENCY_KEY_LENGTH, given: key.length } },
    );
  }
}
