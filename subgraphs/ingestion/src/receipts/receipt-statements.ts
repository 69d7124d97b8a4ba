import { escapeName, toBoltDateTime, type Statement } from '@memgate/cypher';
import neo4j from 'neo4j-driver';
import type { ReceiptRef } from '../transform/graph-operation.js';
import { MAX_RECEIPT_ERRORS, type IngestionError } from './receipt.js';

/** The receipt property holding the keys of one node type, e.g. `keys_Person`. */
export function entityKeysProperty(typeName: string): string {
  return `keys_${typeName}`;
}

/** How far a batch moved one receipt. */
export interface ReceiptProgress {
  readonly receipt: ReceiptRef;
  readonly written: number;
  readonly rejected: number;
  readonly skipped: number;
  /**
   * Records this batch adds to `accepted`: none for a request that counted
   * them when it was accepted; every one for the rolling receipt of an
   * external topic, which grows as its messages are consumed.
   */
  readonly accepted: number;
  /** Why records were rejected; the receipt keeps the first MAX_RECEIPT_ERRORS. */
  readonly errors: readonly IngestionError[];
}

/**
 * Written at acceptance, after Kafka acknowledged every record. A worker may
 * have got there first (it creates the receipt from what each message
 * carries), so this MERGEs and never touches the counters it finds.
 * `enqueuedAt` tells an idempotency claim that its records were queued
 * (a worker's progress says the same).
 */
export function openReceiptStatement(
  label: string,
  receipt: ReceiptRef,
  entityKeys: ReadonlyMap<string, readonly string[]>,
): Statement {
  const text = [
    `MERGE (r:${escapeName(label)} {${escapeName('id')}: $id})`,
    'ON CREATE SET r.written = 0, r.rejected = 0, r.skipped = 0, r.updatedAt = $createdAt',
    'SET r.source = $source, r.accepted = $accepted, r.createdAt = $createdAt, r += $entityKeys,',
    '  r.enqueuedAt = coalesce(r.enqueuedAt, $createdAt)',
  ].join('\n');
  const keys = Object.fromEntries(
    [...entityKeys].map(([type, list]) => [entityKeysProperty(type), [...list]]),
  );
  return {
    text,
    params: {
      id: receipt.id,
      source: receipt.source,
      accepted: neo4j.int(receipt.accepted),
      createdAt: toBoltDateTime(receipt.createdAt),
      entityKeys: keys,
    },
  };
}

/**
 * Counts what a batch wrote, rejected and skipped, in the batch's own
 * transaction, so the counters move exactly once per applied batch. Errors
 * are kept as short JSON strings (positions and reasons, never payloads: the
 * engine holds everything in memory) and capped per receipt. Answers each
 * receipt's counters after the batch, for its progress event.
 */
export function receiptProgressStatement(
  label: string,
  progress: readonly ReceiptProgress[],
  now: Date,
): Statement {
  const text = [
    'UNWIND $receipts AS receipt',
    `MERGE (r:${escapeName(label)} {${escapeName('id')}: receipt.id})`,
    'ON CREATE SET r.source = receipt.source, r.accepted = receipt.accepted, r.createdAt = receipt.createdAt, r.written = 0, r.rejected = 0, r.skipped = 0',
    'SET r.written = r.written + receipt.written, r.rejected = r.rejected + receipt.rejected,',
    '  r.skipped = coalesce(r.skipped, 0) + receipt.skipped, r.accepted = r.accepted + receipt.acceptedHere,',
    '  r.enqueuedAt = coalesce(r.enqueuedAt, receipt.createdAt),',
    `  r.errors = CASE WHEN size(receipt.errors) = 0 THEN r.errors ELSE (coalesce(r.errors, []) + receipt.errors)[0..${MAX_RECEIPT_ERRORS}] END,`,
    '  r.updatedAt = $now',
    RECEIPT_COUNTERS,
  ].join('\n');
  const receipts = progress.map(({ receipt, written, rejected, skipped, accepted, errors }) => ({
    id: receipt.id,
    source: receipt.source,
    accepted: neo4j.int(receipt.accepted),
    createdAt: toBoltDateTime(receipt.createdAt),
    written: neo4j.int(written),
    rejected: neo4j.int(rejected),
    skipped: neo4j.int(skipped),
    acceptedHere: neo4j.int(accepted),
    errors: errors.slice(0, MAX_RECEIPT_ERRORS).map((error) => JSON.stringify(error)),
  }));
  return { text, params: { receipts, now: toBoltDateTime(now.toISOString()) } };
}

/** The counters of receipt `r`, read back by `receiptCountersOf`. */
export const RECEIPT_COUNTERS = [
  'RETURN r.id AS id, r.accepted AS accepted, r.written AS written, r.rejected AS rejected,',
  '  coalesce(r.skipped, 0) AS skipped, coalesce(r.refused, 0) AS refused, coalesce(r.receiving, false) AS receiving',
].join('\n');

export function findReceiptStatement(label: string, id: string): Statement {
  return {
    text: `MATCH (r:${escapeName(label)} {${escapeName('id')}: $id}) RETURN r`,
    params: { id },
  };
}
