import { fromBolt, type RunOptions, type Statement } from '@memgate/cypher';
import type { GraphModel } from '@memgate/graph-model';
import type { Record as BoltRecord } from 'neo4j-driver';
import type { ReceiptRef } from '../transform/graph-operation.js';
import type { IngestionError, Receipt } from './receipt.js';
import {
  claimIdempotencyKeyStatements,
  releaseClaimStatement,
  type ClaimTimes,
} from './idempotency-statements.js';
import { receiptCountersOf, type ReceiptCounters } from './receipt-counters.js';
import { openUploadStatement, sealUploadStatement, type UploadSeal } from './upload-statements.js';
import {
  entityKeysProperty,
  findReceiptStatement,
  openReceiptStatement,
} from './receipt-statements.js';

/** The part of GraphClient the store uses; tests hand in a fake. */
export interface ReceiptGraph {
  read(statement: Statement, options?: RunOptions): Promise<BoltRecord[]>;
  write(statement: Statement, options?: RunOptions): Promise<BoltRecord[]>;
  writeAll(statements: readonly Statement[], options?: RunOptions): Promise<BoltRecord[][]>;
}

export interface ReceiptStoreOptions {
  readonly label: string;
  readonly timeoutMs: number;
}

/** Receipts as bookkeeping nodes in the graph, next to the data they account for. */
export class ReceiptStore {
  constructor(
    private readonly graph: ReceiptGraph,
    private readonly model: GraphModel,
    private readonly options: ReceiptStoreOptions,
  ) {}

  async open(
    receipt: ReceiptRef,
    entityKeys: ReadonlyMap<string, readonly string[]>,
  ): Promise<void> {
    await this.graph.write(openReceiptStatement(this.options.label, receipt, entityKeys), {
      timeoutMs: this.options.timeoutMs,
      kind: 'openReceipt',
      metadata: { app: 'memgate-ingestion', action: 'open-receipt' },
    });
  }

  /**
   * Claims an idempotency key for a new receipt. Answers the id of the
   * receipt that holds the key: `receipt.id` when this call claimed it, the
   * original one when the key was used within the window.
   */
  async claim(receipt: ReceiptRef, key: string, times: ClaimTimes): Promise<string> {
    const [, claimed] = await this.graph.writeAll(
      claimIdempotencyKeyStatements(this.options.label, key, receipt, times),
      {
        timeoutMs: this.options.timeoutMs,
        kind: 'claimIdempotencyKey',
        metadata: { app: 'memgate-ingestion', action: 'claim-idempotency-key' },
      },
    );
    const id: unknown = claimed?.[0]?.get('id');
    if (typeof id !== 'string')
      throw new Error('claiming an idempotency key returned no receipt id');
    return id;
  }

  /** Gives a claimed key back after queuing failed. */
  async release(id: string): Promise<void> {
    await this.graph.write(releaseClaimStatement(this.options.label, id), {
      timeoutMs: this.options.timeoutMs,
      kind: 'releaseIdempotencyKey',
      metadata: { app: 'memgate-ingestion', action: 'release-idempotency-key' },
    });
  }

  /** Opens an upload's receipt before its body is read; it stays ACCEPTED until sealed. */
  async openUpload(receipt: ReceiptRef): Promise<void> {
    await this.graph.write(openUploadStatement(this.options.label, receipt), {
      timeoutMs: this.options.timeoutMs,
      kind: 'openUploadReceipt',
      metadata: { app: 'memgate-ingestion', action: 'open-upload-receipt' },
    });
  }

  /** Settles an upload's counts; answers the counters, or undefined when the receipt is gone. */
  async sealUpload(id: string, seal: UploadSeal, now: Date): Promise<ReceiptCounters | undefined> {
    const [record] = await this.graph.write(
      sealUploadStatement(this.options.label, id, seal, now),
      {
        timeoutMs: this.options.timeoutMs,
        kind: 'sealUploadReceipt',
        metadata: { app: 'memgate-ingestion', action: 'seal-upload-receipt' },
      },
    );
    return record && receiptCountersOf(record);
  }

  async find(id: string): Promise<Receipt | null> {
    const [record] = await this.graph.read(findReceiptStatement(this.options.label, id), {
      timeoutMs: this.options.timeoutMs,
      kind: 'findReceipt',
      metadata: { app: 'memgate-ingestion', action: 'find-receipt' },
    });
    if (!record) return null;
    const node = record.get('r') as { properties: Record<string, unknown> };
    return this.toReceipt(fromBolt(node.properties) as Record<string, unknown>);
  }

  private toReceipt(props: Record<string, unknown>): Receipt {
    const entityKeys = new Map<string, string[]>();
    for (const node of this.model.nodes.values()) {
      const keys = props[entityKeysProperty(node.name)];
      if (Array.isArray(keys)) entityKeys.set(node.name, keys.map(String));
    }
    const createdAt = text(props['createdAt']);
    return {
      id: text(props['id']),
      source: text(props['source']),
      accepted: count(props['accepted']),
      rejected: count(props['rejected']),
      written: count(props['written']),
      skipped: count(props['skipped']),
      createdAt,
      updatedAt: text(props['updatedAt']) || createdAt,
      entityKeys,
      errors: errorsOf(props['errors']),
      ...(props['receiving'] === true && { receiving: true }),
      ...(count(props['refused']) > 0 && { refused: count(props['refused']) }),
    };
  }
}

/** Errors are stored as JSON strings (a property cannot hold maps); unreadable ones are left out. */
function errorsOf(value: unknown): IngestionError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    try {
      const parsed = JSON.parse(String(item)) as Partial<IngestionError>;
      return typeof parsed.reason === 'string'
        ? [
            {
              topic: parsed.topic ?? '',
              partition: parsed.partition ?? 0,
              offset: parsed.offset ?? '',
              ...(Number.isInteger(parsed.index) && { index: parsed.index }),
              ...(Number.isInteger(parsed.record) && { record: parsed.record }),
              reason: parsed.reason,
            },
          ]
        : [];
    } catch {
      return [];
    }
  });
}

/** Properties arrive through `fromBolt`: strings (dates as ISO), numbers, lists. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
