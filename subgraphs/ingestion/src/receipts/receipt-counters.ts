import neo4j, { type Record as BoltRecord } from 'neo4j-driver';

/** A receipt's counters as a batch or an upload left them, for its progress event. */
export interface ReceiptCounters {
  readonly id: string;
  readonly accepted: number;
  readonly written: number;
  readonly rejected: number;
  readonly skipped: number;
  /** Records refused while an upload was read: counted in `rejected`, never queued. */
  readonly refused: number;
  /** An upload still streaming: not settled whatever the counters say. */
  readonly receiving: boolean;
}

/** One row of a statement ending in `RECEIPT_COUNTERS`. */
export function receiptCountersOf(record: BoltRecord): ReceiptCounters {
  return {
    id: String(record.get('id')),
    accepted: count(record.get('accepted')),
    written: count(record.get('written')),
    rejected: count(record.get('rejected')),
    skipped: count(record.get('skipped')),
    refused: count(record.get('refused')),
    receiving: record.get('receiving') === true,
  };
}

function count(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  return typeof value === 'number' ? value : 0;
}
