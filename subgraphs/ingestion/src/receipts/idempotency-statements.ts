import { escapeName, toBoltDateTime, type Statement } from '@memgate/cypher';
import neo4j from 'neo4j-driver';
import type { ReceiptRef } from '../transform/graph-operation.js';

/**
 * Idempotency keys live on the receipt they produced, scoped by source
 * (`crm-contacts:2024-05-01-export`), unique and indexed. A key is claimed
 * before anything is queued; a second request with the key finds the claim
 * and gets the original receipt instead of queuing again.
 */
export function scopedIdempotencyKey(source: string, key: string): string {
  return `${source}:${key}`;
}

export interface ClaimTimes {
  /** Claims older than this are outside the idempotency window: the key is free again. */
  readonly expiredBefore: Date;
  /**
   * A claim never marked as queued, or an upload still receiving, older than
   * this was abandoned by a crashed acceptor.
   */
  readonly abandonedBefore: Date;
}

/**
 * Two statements for one transaction: free the key if its claim expired or
 * was abandoned, then claim it. The unique constraint makes concurrent
 * claims of one key serialise: exactly one creates the receipt, every other
 * reads its id.
 */
export function claimIdempotencyKeyStatements(
  label: string,
  key: string,
  receipt: ReceiptRef,
  times: ClaimTimes,
): [Statement, Statement] {
  const node = `(r:${escapeName(label)} {${escapeName('idempotencyKey')}: $key})`;
  const release = {
    text: [
      `MATCH ${node}`,
      'WHERE r.createdAt < $expiredBefore OR ((r.enqueuedAt IS NULL OR r.receiving) AND r.createdAt < $abandonedBefore)',
      'SET r.idempotencyKey = null',
    ].join('\n'),
    params: {
      key,
      expiredBefore: toBoltDateTime(times.expiredBefore.toISOString()),
      abandonedBefore: toBoltDateTime(times.abandonedBefore.toISOString()),
    },
  };
  const claim = {
    text: [
      `MERGE ${node}`,
      'ON CREATE SET r.id = $id, r.source = $source, r.accepted = $accepted, r.createdAt = $createdAt,',
      '  r.updatedAt = $createdAt, r.written = 0, r.rejected = 0, r.skipped = 0',
      'RETURN r.id AS id',
    ].join('\n'),
    params: {
      key,
      id: receipt.id,
      source: receipt.source,
      accepted: neo4j.int(receipt.accepted),
      createdAt: toBoltDateTime(receipt.createdAt),
    },
  };
  return [release, claim];
}

/**
 * Queuing failed: give the key back so the client's retry can claim it, and
 * drop the receipt unless a worker already counted something on it.
 */
export function releaseClaimStatement(label: string, id: string): Statement {
  return {
    text: [
      `MATCH (r:${escapeName(label)} {${escapeName('id')}: $id})`,
      'SET r.idempotencyKey = null',
      'WITH r WHERE r.written = 0 AND r.rejected = 0 AND coalesce(r.skipped, 0) = 0',
      'DETACH DELETE r',
    ].join('\n'),
    params: { id },
  };
}
