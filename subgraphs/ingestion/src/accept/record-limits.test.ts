import { describe, expect, it } from 'vitest';
import { checkRecordCount } from './record-limits.js';

describe('checkRecordCount', () => {
  it('accepts one to the limit', () => {
    expect(() => checkRecordCount(1, 10)).not.toThrow();
    expect(() => checkRecordCount(10, 10)).not.toThrow();
  });

  it('refuses an empty request', () => {
    expect(() => checkRecordCount(0, 10)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'input must hold at least one record.',
      }),
    );
  });

  it('refuses too many records, naming the limit', () => {
    expect(() => checkRecordCount(11, 10)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message:
          'input holds 11 records; at most 10 are accepted per request. Split it into several requests.',
        details: { limit: 10, given: 11 },
      }),
    );
  });
});
