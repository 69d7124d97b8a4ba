import { escapeName, toBoltDateTime, type Statement } from '@memgate/cypher';
import neo4j from 'neo4j-driver';
import type { ReceiptRef } from '../transform/graph-operation.js';
import { MAX_RECEIPT_ERRORS, type IngestionError } from './receipt.js';
import { RECEIPT_COUNTERS } from './receipt-statements.js';

/**
 * A REST upload's receipt, opened before its body is read: `receiving`
 * keeps it ACCEPTED while records stream in (workers may count them
 * meanwhile), since how many the body holds is known only at its end.
 * MERGE: an idempotency claim may have created the node already.
 */
export function openUploadStatement(label: string, receipt: ReceiptRef): Statement {
  const text = [
    `MERGE (r:${escapeName(label)} {${escapeName('id')}: $id})`,
    'ON CREATE SET r.written = 0, r.rejected = 0, r.skipped = 0',
    'SET r.source = $source, r.accepted = 0, r.createdAt = $createdAt, r.updatedAt = $createdAt,',
    '  r.receiving = true',
  ].join('\n');
  return {
    text,
    params: {
      id: receipt.id,
      source: receipt.source,
      createdAt: toBoltDateTime(receipt.createdAt),
    },
  };
}

/** What an upload queued and refused, once its body is read (or its reading failed). */
export interface UploadSeal {
  /** Records durably queued. */
  readonly accepted: number;
  /** Records refused while reading the body (malformed, oversize): rejected, never queued. */
  readonly refused: number;
  /** Why, for the first of them. */
  readonly errors: readonly IngestionError[];
  /** Free the idempotency key: the upload failed, and its retry must be able to claim it. */
  readonly releaseKey: boolean;
}

/**
 * Settles the counts of an upload: `accepted` is final, the refused records
 * join `rejected` (workers add theirs to the same counter), and the receipt
 * can now complete. Answers the counters for the receipt's progress event.
 * Only the first seal adds to `rejected` and `errors` (`receiving` is still
 * set): a seal run again, after a commit whose answer was lost, counts
 * nothing twice.
 */
export function sealUploadStatement(
  label: string,
  id: string,
  seal: UploadSeal,
  now: Date,
): Statement {
  const text = [
    `MATCH (r:${escapeName(label)} {${escapeName('id')}: $id})`,
    'WITH r, coalesce(r.receiving, false) AS sealing',
    'SET r.accepted = $accepted, r.refused = $refused,',
    '  r.rejected = r.rejected + CASE WHEN sealing THEN $refused ELSE 0 END,',
    `  r.errors = CASE WHEN NOT sealing OR size($errors) = 0 THEN r.errors ELSE (coalesce(r.errors, []) + $errors)[0..${MAX_RECEIPT_ERRORS}] END,`,
    '  r.receiving = null, r.enqueuedAt = coalesce(r.enqueuedAt, $now), r.updatedAt = $now,',
    '  r.idempotencyKey = CASE WHEN $releaseKey THEN null ELSE r.idempotencyKey END',
    RECEIPT_COUNTERS,
  ].join('\n');
  return {
    text,
    params: {
      id,
      accepted: neo4j.int(seal.accepted),
      refused: neo4j.int(seal.refused),
      errors: seal.errors.slice(0, MAX_RECEIPT_ERRORS).map((error) => JSON.stringify(error)),
      releaseKey: seal.releaseKey,
      now: toBoltDateTime(now.toISOString()),
    },
  };
}
