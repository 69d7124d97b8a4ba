import type { GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import type { AppliedOffset } from './offset-statements.js';

/**
 * One Kafka message as the writer sees it: the operations it stands for (one
 * for a typed mutation, any number for a raw record through a mapping), the
 * receipt it counts on, and what to dead-letter if it cannot be written.
 */
export interface BatchRecord {
  readonly offset: string;
  /** Absent for a message too broken to name its receipt. */
  readonly receipt: ReceiptRef | undefined;
  /** None, without a rejection: the record was skipped on purpose (a mapping's drop rule). */
  readonly operations: readonly GraphOperation[];
  /** Set when the record was refused before writing: unreadable, or its mapping failed. */
  readonly rejection?: string | undefined;
  /**
   * Counted as accepted on its receipt when applied: a message of an
   * external topic, whose rolling receipt grows as messages arrive. Other
   * records were counted when their request was accepted.
   */
  readonly acceptedHere?: boolean;
  /** The source to name in a dead letter, and the payload exactly as the producer sent it. */
  readonly deadLetter: { readonly source: string; readonly payload: unknown };
}

/** Where a batch comes from: one partition, consumed by one worker group. */
export interface BatchPosition {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
}

/** A run of consecutive messages of one partition, applied in one transaction. */
export interface WriteBatch {
  readonly position: BatchPosition;
  /** In offset order; never empty. */
  readonly records: readonly BatchRecord[];
}

/** The offset a batch reaches: stored with its data so it is never applied twice. */
export function appliedOffsetOf(batch: WriteBatch): AppliedOffset {
  const last = batch.records[batch.records.length - 1];
  if (!last) throw new Error('a write batch holds at least one record');
  return { ...batch.position, offset: last.offset };
}

/** A record that was not (or not fully) written, and why. */
export interface RejectedRecord {
  readonly record: BatchRecord;
  readonly reason: string;
}
