import { fromBolt, type RunOptions, type Statement } from '@memgate/cypher';
import type { GraphModel } from '@memgate/graph-model';
import type { Record as BoltRecord } from 'neo4j-driver';
import type { ReceiptRef } from '../transform/graph-operation.js';
import type { Receipt } from './receipt.js';
import {
  entityKeysProperty,
  findReceiptStatement,
  openReceiptStatement,
} from './receipt-statements.js';

/** The part of GraphClient the store uses; tests hand in a fake. */
export interface ReceiptGraph {
  read(statement: Statement, options?: RunOptions): Promise<BoltRecord[]>;
  write(statement: Statement, options?: RunOptions): Promise<BoltRecord[]>;
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
      metadata: { app: 'memgate-ingestion', action: 'open-receipt' },
    });
  }

  async find(id: string): Promise<Receipt | null> {
    const [record] = await this.graph.read(findReceiptStatement(this.options.label, id), {
      timeoutMs: this.options.timeoutMs,
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
      createdAt,
      updatedAt: text(props['updatedAt']) || createdAt,
      entityKeys,
    };
  }
}

/** Properties arrive through `fromBolt`: strings (dates as ISO), numbers, lists. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
