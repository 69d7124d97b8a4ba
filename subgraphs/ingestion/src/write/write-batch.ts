import type { GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import { positionAfter } from './applied-position.js';
import type { AppliedOffset } from './offset-statements.js';

/**
 * One record as the writer sees it: the operations it stands for (one for a
 * typed mutation, any number for a raw record through a mapping), the
 * receipt it counts on, and what to dead-letter if it cannot be written. A
 * Kafka message carries one record, or a frame of several (ADR 0012).
 */
export interface BatchRecord {
  /** The offset of the message that carries it. */
  readonly offset: string;
  /** Its place among the records of a framed message; absent when the message is the record. */
  readonly index?: number;
  /**
   * False when more records of its message follow: the message is done, and
   * its offset resolved, only with its last record.
   */
  readonly endsMessage?: boolean;
  /** Its place (0-based) in the request that queued it, when the message says. */
  readonly requestIndex?: number;
  /** Absent for a message too broken to name its receipt. */
  readonly receipt: ReceiptRef | undefined;
  /** None, without a rejection: the record was skipped on purpose (a mapping's drop rule). */
  readonly operations: readonly GraphOperation[];
  /** Set when the record was refused before writing: unreadable, or its mapping failed. */
  readonly rejection?: string | undefined;
  /** Refused because no decoder could read it (with or without a receipt to count it on). */
  readonly unreadable?: boolean;
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

/** A run of consecutive records of one partition, applied in one transaction. */
export interface WriteBatch {
  readonly position: BatchPosition;
  /** In offset order; never empty. */
  readonly records: readonly BatchRecord[];
}

/** The position a batch reaches: stored with its data so it is never applied twice. */
export function appliedOffsetOf(batch: WriteBatch): AppliedOffset {
  const last = batch.records[batch.records.length - 1];
  if (!last) throw new Error('a write batch holds at least one record');
  return { ...batch.position, reached: positionAfter(last) };
}

/**
 * The offset of the last message whose last record is in the batch, which
 * is then done: kafkajs may commit past it. Undefined when the batch lies
 * inside one framed message.
 */
export function lastWholeMessage(batch: WriteBatch): string | undefined {
  for (let at = batch.records.length - 1; at >= 0; at -= 1) {
    const record = batch.records[at];
    if (record && record.endsMessage !== false) return record.offset;
  }
  return undefined;
}

/**
 * Where a record sat, as its receipt error and its dead letter name it: the
 * partition and message, its place in a frame, and its place in the request.
 */
export function recordLocation(
  position: BatchPosition,
  record: BatchRecord,
): {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly index?: number;
  readonly record?: number;
} {
  return {
    topic: position.topic,
    partition: position.partition,
    offset: record.offset,
    ...(record.index !== undefined && { index: record.index }),
    ...(record.requestIndex !== undefined && { record: record.requestIndex }),
  };
}

/** A record that was not (or not fully) written, and why. */
export interface RejectedRecord {
  readonly record: BatchRecord;
  readonly reason: string;
}
