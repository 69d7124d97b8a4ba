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
