import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isMemgateError, MemgateError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import { claimIdempotencyKey, type ClaimingReceipts } from '../accept/idempotency-claim.js';
import { checkIdempotencyKey } from '../accept/record-limits.js';
import type { ChangeSink } from '../changes/change-event.js';
import { receiptChangeMessage } from '../changes/change-messages.js';
import type { IndexedRecord } from '../kafka/raw-record-producer.js';
import type { DeadLetter, DeadLetterSink } from '../model/dead-letter.js';
import { MAX_RECEIPT_ERRORS, type IngestionError } from '../receipts/receipt.js';
import type { ReceiptCounters } from '../receipts/receipt-counters.js';
import type { UploadSeal } from '../receipts/upload-statements.js';
import type { ReceiptRef } from '../transform/graph-operation.js';
import { limitedBody, payloadTooLarge } from './limited-body.js';
import { uploadChunks, type UploadChunk } from './upload-chunks.js';
import type { MalformedItem, UploadParser } from './upload-item.js';

/** Where an upload's records go: the source's raw topic. */
export interface UploadQueue {
  sendIndexed(
    source: string,
    receipt: ReceiptRef,
    records: readonly IndexedRecord[],
    idempotencyKey: string | undefined,
  ): Promise<void>;
}

export interface UploadReceipts extends ClaimingReceipts {
  release(id: string): Promise<void>;
  openUpload(receipt: ReceiptRef): Promise<void>;
  sealUpload(id: string, seal: UploadSeal, now: Date): Promise<ReceiptCounters | undefined>;
}

export interface UploadAcceptorOptions {
  readonly maxBodyBytes: number;
  readonly maxRecordBytes: number;
  readonly idempotencyWindowMs: number;
  readonly queue: UploadQueue;
  readonly deadLetters: DeadLetterSink;
  readonly receipts: UploadReceipts;
  /** The receipt's progress event when the upload is sealed. */
  readonly changes: ChangeSink;
  /** The raw topic a source's records go to, named in the dead letters of refused ones. */
  readonly rawTopic: (source: string) => string;
  readonly logger: Logger;
  readonly chunk?: { readonly maxItems: number; readonly maxBytes: number };
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface UploadRequest {
  /** A known source (the route checks it). */
  readonly source: string;
  readonly parser: UploadParser;
  readonly body: Readable;
  /** Content-Length, when the client sent one: a body over the limit is refused unread. */
  readonly declaredBytes?: number | undefined;
  readonly idempotencyKey?: string | undefined;
}

export interface UploadOutcome {
  readonly receiptId: string;
  /** Records durably queued. */
  readonly accepted: number;
  /** Records refused while reading the body: dead-lettered with their line. */
  readonly rejected: number;
  /** The idempotency key was used before: this is the original receipt, nothing was queued. */
  readonly replayed: boolean;
}

/**
 * At most this much per send, a frame or a few (ADR 0012), whose
 * acknowledgement is awaited before the next part of the body is read.
 */
const DEFAULT_CHUNK = { maxItems: 1000, maxBytes: 1024 * 1024 };

/**
 * `POST /ingest/{source}`: streams a body into the source's raw topic,
 * chunk by chunk, each acknowledged by Kafka before more of the body is
 * read, so memory holds one chunk whatever the body's size. Malformed
 * records are refused with their line and dead-lettered; the rest ingests.
 * The receipt is opened before the first record is queued (ACCEPTED while
 * receiving) and sealed with the final counts at the end.
 */
export class UploadAcceptor {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: UploadAcceptorOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async accept(request: UploadRequest): Promise<UploadOutcome> {
    const { options } = this;
    if (request.declaredBytes !== undefined && request.declaredBytes > options.maxBodyBytes) {
      throw payloadTooLarge(options.maxBodyBytes, request.declaredBytes);
    }
    const now = this.now();
    const ref: ReceiptRef = {
      id: this.newId(),
      source: request.source,
      // Known only at the end of the body; the receipt is opened as receiving instead.
      accepted: 0,
      createdAt: now.toISOString(),
    };
    const key = request.idempotencyKey;
    if (key !== undefined) {
      checkIdempotencyKey(key);
      const original = await claimIdempotencyKey(
        options.receipts,
        ref,
        key,
        now,
        options.idempotencyWindowMs,
      );
      if (original) {
        return {
          receiptId: original.id,
          accepted: original.accepted,
          rejected: original.refused ?? 0,
          replayed: true,
        };
      }
    }
    const progress = new UploadProgress(ref, options.rawTopic(request.source));
    try {
      await options.receipts.openUpload(ref);
      await this.stream(request, ref, progress);
      if (progress.empty) {
        throw new MemgateError('BAD_USER_INPUT', 'The body holds no record.');
      }
    } catch (error) {
      await this.settleFailed(ref, progress, key !== undefined);
      throw withUploadDetails(error, ref.id, progress);
    }
    await this.seal(ref, progress, false);
    return {
      receiptId: ref.id,
      accepted: progress.accepted,
      rejected: progress.refused,
      replayed: false,
    };
  }

  private async stream(
    request: UploadRequest,
    ref: ReceiptRef,
    progress: UploadProgress,
  ): Promise<void> {
    const { options } = this;
    const body = limitedBody(request.body, options.maxBodyBytes);
    const items = request.parser(body, { maxRecordBytes: options.maxRecordBytes });
    for await (const chunk of uploadChunks(items, options.chunk ?? DEFAULT_CHUNK)) {
      await this.send(chunk, request, ref, progress);
    }
  }

  /** Queues a chunk and dead-letters its malformed records; both acknowledged before it counts. */
  private async send(
    chunk: UploadChunk,
    request: UploadRequest,
    ref: ReceiptRef,
    progress: UploadProgress,
  ): Promise<void> {
    if (chunk.records.length > 0) {
      await this.options.queue.sendIndexed(
        request.source,
        ref,
        chunk.records,
        request.idempotencyKey,
      );
      progress.accepted += chunk.records.length;
    }
    if (chunk.malformed.length > 0) {
      await this.options.deadLetters.send(chunk.malformed.map((item) => progress.refuse(item)));
    }
  }

  /**
   * Settles what a failed upload queued (those records are durable and will
   * be written: the receipt accounts for them) and frees its idempotency
   * key, so the client's retry of the whole body is not answered with this
   * partial receipt. An upload that queued nothing leaves no receipt.
   */
  private async settleFailed(ref: ReceiptRef, progress: UploadProgress, claimed: boolean) {
    try {
      if (progress.empty) await this.options.receipts.release(ref.id);
      else await this.seal(ref, progress, claimed);
    } catch (error) {
      this.options.logger.error(
        { err: error, receiptId: ref.id },
        'could not settle the receipt of a failed upload',
      );
    }
  }

  private async seal(ref: ReceiptRef, progress: UploadProgress, releaseKey: boolean) {
    const now = this.now();
    const counters = await this.options.receipts.sealUpload(
      ref.id,
      {
        accepted: progress.accepted,
        refused: progress.refused,
        errors: progress.errors,
        releaseKey,
      },
      now,
    );
    if (!counters) return;
    // Workers may have written every record already: only this event says the receipt is done.
    await this.options.changes
      .send([receiptChangeMessage(counters, now.toISOString())])
      .catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, receiptId: ref.id },
          'could not publish the progress event of a sealed upload',
        ),
      );
  }
}

/** How far an upload got: what it queued and refused, and why. */
class UploadProgress {
  accepted = 0;
  refused = 0;
  readonly errors: IngestionError[] = [];

  constructor(
    private readonly ref: ReceiptRef,
    private readonly topic: string,
  ) {}

  get empty(): boolean {
    return this.accepted === 0 && this.refused === 0;
  }

  /** `index`: the refused record's place among the body's records. */
  refuse(item: MalformedItem & { readonly index: number }): DeadLetter {
    this.refused += 1;
    const where = { topic: this.topic, partition: -1, offset: '-1', record: item.index };
    if (this.errors.length < MAX_RECEIPT_ERRORS) {
      this.errors.push({ ...where, reason: item.reason });
    }
    return {
      source: this.ref.source,
      ...where,
      receiptId: this.ref.id,
      reason: item.reason,
      payload: item.raw,
      line: item.line,
    };
  }
}

/**
 * The failure, telling what was queued before it: those records will be
 * written, under the receipt named here.
 */
function withUploadDetails(error: unknown, receiptId: string, progress: UploadProgress): unknown {
  if (!isMemgateError(error) || progress.empty) return error;
  return new MemgateError(error.code, error.message, {
    cause: error,
    details: {
      ...error.details,
      receiptId,
      accepted: progress.accepted,
      rejected: progress.refused,
    },
  });
}
