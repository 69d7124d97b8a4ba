import type { ReceiptProgress } from '../receipts/receipt-statements.js';
import { MAX_RECEIPT_ERRORS, type IngestionError } from '../receipts/receipt.js';
import type { ReceiptRef } from '../transform/graph-operation.js';
import {
  recordLocation,
  type BatchRecord,
  type BatchPosition,
  type RejectedRecord,
} from './write-batch.js';

export interface BatchOutcome {
  readonly progress: ReceiptProgress[];
  readonly written: number;
  readonly skipped: number;
  readonly rejected: RejectedRecord[];
}

interface Tally {
  receipt: ReceiptRef;
  written: number;
  rejected: number;
  skipped: number;
  accepted: number;
  errors: IngestionError[];
}

/**
 * What a batch did, record by record, and how that moves each receipt. A
 * record counts once: rejected if anything of it was refused (the reason
 * goes to its receipt and its payload to the dead letters), skipped if it
 * stood for no operation, written otherwise.
 */
export function tallyBatch(
  position: BatchPosition,
  records: readonly BatchRecord[],
  rejections: ReadonlyMap<number, { readonly reason: string }>,
): BatchOutcome {
  const progress = new Map<string, Tally>();
  const rejected: RejectedRecord[] = [];
  let written = 0;
  let skipped = 0;
  records.forEach((record, index) => {
    const reason = rejections.get(index)?.reason;
    const tally = record.receipt && tallyOf(progress, record.receipt);
    if (tally && record.acceptedHere === true) tally.accepted += 1;
    if (reason !== undefined) {
      rejected.push({ record, reason });
      if (!tally) return;
      tally.rejected += 1;
      if (tally.errors.length < MAX_RECEIPT_ERRORS) {
        tally.errors.push({ ...recordLocation(position, record), reason });
      }
    } else if (record.operations.length === 0) {
      skipped += 1;
      if (tally) tally.skipped += 1;
    } else {
      written += 1;
      if (tally) tally.written += 1;
    }
  });
  return { progress: [...progress.values()], written, skipped, rejected };
}

function tallyOf(progress: Map<string, Tally>, receipt: ReceiptRef): Tally {
  let tally = progress.get(receipt.id);
  if (!tally) {
    tally = { receipt, written: 0, rejected: 0, skipped: 0, accepted: 0, errors: [] };
    progress.set(receipt.id, tally);
  }
  return tally;
}

/**
 * How receipts move when records already counted as written are rejected
 * after all (a connect found an end missing once its counters were sent):
 * written down and rejected up by one each, with the reasons added to the
 * receipt's errors.
 */
export function rejectedAfterCounting(
  position: BatchPosition,
  rejected: readonly RejectedRecord[],
): ReceiptProgress[] {
  const progress = new Map<string, Tally>();
  for (const { record, reason } of rejected) {
    if (!record.receipt) continue;
    const tally = tallyOf(progress, record.receipt);
    tally.written -= 1;
    tally.rejected += 1;
    if (tally.errors.length < MAX_RECEIPT_ERRORS) {
      tally.errors.push({ ...recordLocation(position, record), reason });
    }
  }
  return [...progress.values()];
}
