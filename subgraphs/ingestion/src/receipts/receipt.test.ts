import { describe, expect, it } from 'vitest';
import { collectEntityKeys, MAX_KEYS_PER_TYPE, receiptStatus } from './receipt.js';

describe('receiptStatus', () => {
  it.each([
    [{ accepted: 3, written: 0, rejected: 0, skipped: 0 }, 'ACCEPTED'],
    [{ accepted: 3, written: 2, rejected: 0, skipped: 0 }, 'ACCEPTED'],
    [{ accepted: 3, written: 3, rejected: 0, skipped: 0 }, 'COMPLETED'],
    [{ accepted: 3, written: 2, rejected: 1, skipped: 0 }, 'COMPLETED'],
    [{ accepted: 3, written: 1, rejected: 1, skipped: 1 }, 'COMPLETED'],
    [{ accepted: 3, written: 0, rejected: 0, skipped: 3 }, 'COMPLETED'],
    [{ accepted: 3, written: 0, rejected: 3, skipped: 0 }, 'FAILED'],
    [{ accepted: 3, written: 0, rejected: 2, skipped: 1 }, 'FAILED'],
  ] as const)('%j is %s', (counts, status) => {
    expect(receiptStatus(counts)).toBe(status);
  });

  it('is ACCEPTED while an upload still streams, whatever the counters say', () => {
    expect(
      receiptStatus({ accepted: 0, written: 0, rejected: 0, skipped: 0, receiving: true }),
    ).toBe('ACCEPTED');
  });

  it('does not count records refused at upload towards the accepted ones', () => {
    // 3 queued, 1 refused while reading the body: rejected holds the refused one.
    const upload = { accepted: 3, rejected: 1, refused: 1, skipped: 0 };
    expect(receiptStatus({ ...upload, written: 2 })).toBe('ACCEPTED');
    expect(receiptStatus({ ...upload, written: 3 })).toBe('COMPLETED');
    expect(receiptStatus({ accepted: 0, written: 0, rejected: 2, refused: 2, skipped: 0 })).toBe(
      'FAILED',
    );
  });
});

describe('collectEntityKeys', () => {
  it('keeps distinct keys per type in first-seen order', () => {
    const keys = collectEntityKeys([
      { type: 'Person', key: 'p2' },
      { type: 'Topic', key: 't1' },
      { type: 'Person', key: 'p1' },
      { type: 'Person', key: 'p2' },
    ]);
    expect(Object.fromEntries(keys)).toEqual({ Person: ['p2', 'p1'], Topic: ['t1'] });
  });

  it('keeps at most 1000 keys per type', () => {
    const many = Array.from({ length: MAX_KEYS_PER_TYPE + 5 }, (_, index) => ({
      type: 'Person',
      key: `p${index}`,
    }));
    const kept = collectEntityKeys(many).get('Person');
    expect(kept).toHaveLength(MAX_KEYS_PER_TYPE);
    expect(kept?.at(-1)).toBe(`p${MAX_KEYS_PER_TYPE - 1}`);
  });
});
