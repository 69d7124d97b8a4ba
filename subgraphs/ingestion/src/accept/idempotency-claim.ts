import { MemgateError } from '@memgate/platform/errors';
import { scopedIdempotencyKey, type ClaimTimes } from '../receipts/idempotency-statements.js';
import type { Receipt } from '../receipts/receipt.js';
import type { ReceiptRef } from '../transform/graph-operation.js';

/** Receipts that remember idempotency keys. */
export interface ClaimingReceipts {
  claim(receipt: ReceiptRef, key: string, times: ClaimTimes): Promise<string>;
  find(id: string): Promise<Receipt | null>;
}

/**
 * A claim that was never marked as queued is taken over after this long:
 * its acceptor crashed between claiming and queuing. Far longer than
 * queuing takes, so a slow acceptor is never overtaken.
 */
const ABANDONED_CLAIM_MS = 10 * 60_000;
const CLAIM_ATTEMPTS = 3;

/**
 * Claims `key` of `ref.source` for `ref`; answers the receipt that already
 * holds it within the window, if any (undefined: `ref` holds it now). A
 * holder that vanishes between the claim and the lookup (its queuing
 * failed and it was released) leaves the key free: claim again.
 */
export async function claimIdempotencyKey(
  receipts: ClaimingReceipts,
  ref: ReceiptRef,
  key: string,
  now: Date,
  windowMs: number,
): Promise<Receipt | undefined> {
  const times = {
    expiredBefore: new Date(now.getTime() - windowMs),
    abandonedBefore: new Date(now.getTime() - ABANDONED_CLAIM_MS),
  };
  const scoped = scopedIdempotencyKey(ref.source, key);
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    const holder = await receipts.claim(ref, scoped, times);
    if (holder === ref.id) return undefined;
    const original = await receipts.find(holder);
    if (original) return original;
  }
  throw new MemgateError(
    'INTERNAL_SERVER_ERROR',
    'The idempotency key is being claimed and released concurrently; try again.',
  );
}
