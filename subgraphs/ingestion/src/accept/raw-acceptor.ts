import { randomUUID } from 'node:crypto';
import type { Logger } from '@memgate/platform/logging';
import type { ClaimTimes } from '../receipts/idempotency-statements.js';
import type { Receipt } from '../receipts/receipt.js';
import type { ReceiptRef } from '../transform/graph-operation.js';
import { claimIdempotencyKey } from './idempotency-claim.js';
import { newReceipt, openReceipt, type ReceiptOpener } from './operation-acceptor.js';
import { checkIdempotencyKey, checkRecordCount, checkRecordSizes } from './record-limits.js';

/** Where raw records go: the source's raw topic in production. */
export interface RawQueue {
  send(
    source: string,
    receipt: ReceiptRef,
    records: readonly unknown[],
    idempotencyKey: string | undefined,
  ): Promise<void>;
}

/** Receipts that also remember idempotency keys. */
export interface IdempotentReceipts extends ReceiptOpener {
  claim(receipt: ReceiptRef, key: string, times: ClaimTimes): Promise<string>;
  release(id: string): Promise<void>;
  find(id: string): Promise<Receipt | null>;
}

export interface RawAcceptorOptions {
  /** Throws BAD_USER_INPUT naming the known sources for an unknown one. */
  readonly sources: { require(source: string): unknown };
  readonly maxRecordsPerRequest: number;
  readonly maxRecordBytes: number;
  readonly idempotencyWindowMs: number;
  readonly queue: RawQueue;
  readonly receipts: IdempotentReceipts;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * `ingest(source, records, idempotencyKey)`: checks the source and the
 * limits, and queues the records as they are; the workers map them, so a
 * record the mapping refuses is rejected on the receipt and dead-lettered,
 * never refused here. With an idempotency key, a repeat within the window
 * queues nothing and answers the original receipt.
 */
export class RawAcceptor {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: RawAcceptorOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async accept(
    source: string,
    records: readonly unknown[],
    idempotencyKey?: string | null,
  ): Promise<Receipt> {
    const { options } = this;
    options.sources.require(source);
    checkRecordCount(records.length, options.maxRecordsPerRequest);
    checkRecordSizes(records, options.maxRecordBytes);
    const now = this.now();
    const ref: ReceiptRef = {
      id: this.newId(),
      source,
      accepted: records.length,
      createdAt: now.toISOString(),
    };
    const key = idempotencyKey ?? undefined;
    if (key === undefined) {
      await options.queue.send(source, ref, records, undefined);
    } else {
      checkIdempotencyKey(key);
      const original = await claimIdempotencyKey(
        options.receipts,
        ref,
        key,
        now,
        options.idempotencyWindowMs,
      );
      if (original) return original;
      try {
        await options.queue.send(source, ref, records, key);
      } catch (error) {
        await options.receipts
          .release(ref.id)
          .catch((releaseError: unknown) =>
            options.logger.error(
              { err: releaseError, receiptId: ref.id },
              'could not release an idempotency key after queuing failed',
            ),
          );
        throw error;
      }
    }
    await openReceipt(options, ref, new Map());
    return newReceipt(ref, new Map());
  }
}
