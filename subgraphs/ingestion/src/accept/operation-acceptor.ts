import { randomUUID } from 'node:crypto';
import type { NodeType } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import { encodeEntityKey } from '../model/entity-key.js';
import { collectEntityKeys, type Receipt } from '../receipts/receipt.js';
import type { GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import { upsertsToOperations } from '../transform/upserts-to-operations.js';
import { checkRecordCount } from './record-limits.js';

/** Where accepted operations go: the graph-ops topic in production. */
export interface OperationQueue {
  send(operations: readonly GraphOperation[]): Promise<void>;
}

export interface ReceiptOpener {
  open(receipt: ReceiptRef, entityKeys: ReadonlyMap<string, readonly string[]>): Promise<void>;
}

export interface UpsertAcceptorOptions {
  readonly maxRecordsPerRequest: number;
  readonly queue: OperationQueue;
  readonly receipts: ReceiptOpener;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * Validate → transform → enqueue → receipt. The answer comes only after
 * Kafka acknowledged every record, so an accepted record survives any crash
 * that follows; the graph is written later by the workers.
 */
export class UpsertAcceptor {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: UpsertAcceptorOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async accept(
    node: NodeType,
    source: string,
    records: readonly Readonly<Record<string, unknown>>[],
  ): Promise<Receipt> {
    checkRecordCount(records.length, this.options.maxRecordsPerRequest);
    const createdAt = this.now().toISOString();
    const ref: ReceiptRef = { id: this.newId(), source, accepted: records.length, createdAt };
    const operations = upsertsToOperations(node, records, ref);
    await this.options.queue.send(operations);

    const entityKeys = collectEntityKeys(
      operations.map((operation) => ({
        type: operation.type,
        key: encodeEntityKey(operation.key),
      })),
    );
    try {
      await this.options.receipts.open(ref, entityKeys);
    } catch (error) {
      // The records are safe in Kafka and every message carries its receipt,
      // so the workers still create it (without the key lists). Failing the
      // request now would only make the client enqueue everything again.
      this.options.logger.error(
        { err: error, receiptId: ref.id },
        'could not store the receipt at acceptance',
      );
    }
    return { ...ref, rejected: 0, written: 0, updatedAt: createdAt, entityKeys };
  }
}
