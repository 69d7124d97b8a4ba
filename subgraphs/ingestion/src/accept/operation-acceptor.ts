import { randomUUID } from 'node:crypto';
import type { Logger } from '@memgate/platform/logging';
import { encodeEntityKey } from '../model/entity-key.js';
import { collectEntityKeys, type Receipt } from '../receipts/receipt.js';
import type { GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import { checkRecordCount } from './record-limits.js';

/** Where accepted operations go: the graph-ops topic in production. */
export interface OperationQueue {
  send(operations: readonly GraphOperation[]): Promise<void>;
}

export interface ReceiptOpener {
  open(receipt: ReceiptRef, entityKeys: ReadonlyMap<string, readonly string[]>): Promise<void>;
}

/** One typed mutation: its name, how many records it carries, and their operations. */
export interface OperationRequest {
  /** The mutation, e.g. `upsertPeople`: the receipt's source. */
  readonly source: string;
  readonly count: number;
  /** Validates the records and makes one operation per record; throws BAD_USER_INPUT. */
  readonly operations: (receipt: ReceiptRef) => GraphOperation[];
}

export interface AcceptorOptions {
  readonly maxRecordsPerRequest: number;
  readonly queue: OperationQueue;
  readonly receipts: ReceiptOpener;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * Validate → transform → enqueue → receipt, for every typed mutation. The
 * answer comes only after Kafka acknowledged every record, so an accepted
 * record survives any crash that follows; the graph is written later by the
 * workers.
 */
export class OperationAcceptor {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: AcceptorOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async accept(request: OperationRequest): Promise<Receipt> {
    checkRecordCount(request.count, this.options.maxRecordsPerRequest);
    const createdAt = this.now().toISOString();
    const ref: ReceiptRef = {
      id: this.newId(),
      source: request.source,
      accepted: request.count,
      createdAt,
    };
    const operations = request.operations(ref);
    await this.options.queue.send(operations);

    // The receipt lists what was upserted; deleted nodes and relationships have no entity to point at.
    const entityKeys = collectEntityKeys(
      operations.flatMap((operation) =>
        operation.kind === 'upsertNode'
          ? [{ type: operation.type, key: encodeEntityKey(operation.key) }]
          : [],
      ),
    );
    await openReceipt(this.options, ref, entityKeys);
    return newReceipt(ref, entityKeys);
  }
}

/**
 * The records are safe in Kafka and every message carries its receipt, so
 * the workers still create it (without the key lists) if this fails.
 * Failing the request now would only make the client enqueue everything
 * again.
 */
export async function openReceipt(
  options: { readonly receipts: ReceiptOpener; readonly logger: Logger },
  ref: ReceiptRef,
  entityKeys: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  try {
    await options.receipts.open(ref, entityKeys);
  } catch (error) {
    options.logger.error(
      { err: error, receiptId: ref.id },
      'could not store the receipt at acceptance',
    );
  }
}

/** The receipt of a request just queued: nothing written yet. */
export function newReceipt(
  ref: ReceiptRef,
  entityKeys: ReadonlyMap<string, readonly string[]>,
): Receipt {
  return {
    ...ref,
    rejected: 0,
    written: 0,
    skipped: 0,
    updatedAt: ref.createdAt,
    entityKeys,
    errors: [],
  };
}
