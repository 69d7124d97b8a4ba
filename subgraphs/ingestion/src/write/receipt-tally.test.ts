import { describe, expect, it } from 'vitest';
import { MAX_RECEIPT_ERRORS } from '../receipts/receipt.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { rejectedAfterCounting, tallyBatch } from './receipt-tally.js';
import type { BatchRecord } from './write-batch.js';

const position = { group: 'g', topic: 't', partition: 1 };
const ref = (id: string) => ({ id, source: 's', accepted: 500, createdAt: '2024-05-01T12:00:00Z' });
const operation = {
  kind: 'deleteNode',
  type: 'Person',
  key: ['p'],
  receipt: ref('a'),
} as GraphOperation;

function record(offset: number, receiptId: string | undefined, operations: number): BatchRecord {
  return {
    offset: String(offset),
    receipt: receiptId === undefined ? undefined : ref(receiptId),
    operations: Array.from({ length: operations }, () => operation),
    deadLetter: { source: 's', payload: null },
  };
}

describe('tallyBatch', () => {
  it('counts each record once, per receipt: rejected, skipped or written', () => {
    const records = [
      record(1, 'a', 2),
      record(2, 'a', 0),
      record(3, 'b', 1),
      record(4, 'a', 1),
      record(5, undefined, 0),
    ];
    const outcome = tallyBatch(
      position,
      records,
      new Map([
        [3, { reason: 'bad' }],
        [4, { reason: 'unreadable' }],
      ]),
    );
    expect(outcome.written).toBe(2);
    expect(outcome.skipped).toBe(1);
    expect(outcome.rejected.map((rejected) => [rejected.record.offset, rejected.reason])).toEqual([
      ['4', 'bad'],
      ['5', 'unreadable'],
    ]);
    expect(outcome.progress).toEqual([
      {
        receipt: ref('a'),
        written: 1,
        rejected: 1,
        skipped: 1,
        accepted: 0,
        errors: [{ topic: 't', partition: 1, offset: '4', reason: 'bad' }],
      },
      { receipt: ref('b'), written: 1, rejected: 0, skipped: 0, accepted: 0, errors: [] },
    ]);
  });

  it('counts records of an external topic as accepted when they are applied', () => {
    const records = [
      { ...record(1, 'feed@2024-05-01', 1), acceptedHere: true },
      { ...record(2, 'feed@2024-05-01', 0), acceptedHere: true },
    ];
    expect(tallyBatch(position, records, new Map([[1, { reason: 'bad' }]])).progress).toEqual([
      expect.objectContaining({ written: 1, rejected: 1, accepted: 2 }),
    ]);
  });

  it(`keeps at most ${MAX_RECEIPT_ERRORS} errors per receipt, and counts them all`, () => {
    const records = Array.from({ length: MAX_RECEIPT_ERRORS + 5 }, (_, index) =>
      record(index, 'a', 1),
    );
    const outcome = tallyBatch(
      position,
      records,
      new Map(records.map((_, index) => [index, { reason: 'bad' }])),
    );
    expect(outcome.progress[0]?.rejected).toBe(MAX_RECEIPT_ERRORS + 5);
    expect(outcome.progress[0]?.errors).toHaveLength(MAX_RECEIPT_ERRORS);
  });
});

describe('rejectedAfterCounting', () => {
  it('moves records counted as written to rejected, per receipt, with their reasons', () => {
    const progress = rejectedAfterCounting(position, [
      { record: record(4, 'a', 1), reason: 'no node Person:p9' },
      { record: record(5, undefined, 1), reason: 'no receipt to move' },
      { record: record(6, 'a', 1), reason: 'no node Person:p8' },
      { record: record(7, 'b', 1), reason: 'no node Person:p7' },
    ]);
    expect(progress).toEqual([
      {
        receipt: ref('a'),
        written: -2,
        rejected: 2,
        skipped: 0,
        accepted: 0,
        errors: [
          { topic: 't', partition: 1, offset: '4', reason: 'no node Person:p9' },
          { topic: 't', partition: 1, offset: '6', reason: 'no node Person:p8' },
        ],
      },
      {
        receipt: ref('b'),
        written: -1,
        rejected: 1,
        skipped: 0,
        accepted: 0,
        errors: [{ topic: 't', partition: 1, offset: '7', reason: 'no node Person:p7' }],
      },
    ]);
  });
});
