import type { Statement } from '@memgate/cypher';
import type { GraphModel, NodeType } from '@memgate/graph-model';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';
import { receiptProgressStatement, type ReceiptProgress } from '../receipts/receipt-statements.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { nodeUpsertStatement } from './node-upsert-statement.js';
import { storeOffsetStatement, type AppliedOffset } from './offset-statements.js';
import { toWriteRow, type WriteRow } from './write-rows.js';

/** An operation and where it sat in its partition, for logs and dead letters. */
export interface PositionedOperation {
  readonly operation: GraphOperation;
  readonly offset: string;
}

/** A run of consecutive messages of one partition, applied in one transaction. */
export interface WriteBatch {
  readonly operations: readonly PositionedOperation[];
  /** The last offset of the run: stored with the data so it is never applied twice. */
  readonly applied: AppliedOffset;
}

export interface RejectedOperation extends PositionedOperation {
  readonly reason: string;
}

export interface WritePlan {
  /** Node upserts per type, receipt counters, then the applied offset: one transaction. */
  readonly statements: Statement[];
  readonly written: number;
  readonly rejected: readonly RejectedOperation[];
}

/**
 * Turns a batch into the statements of its transaction: one UNWIND MERGE per
 * node type (rows in partition order, so the last update of an entity wins),
 * the receipt counters it moves, and the offset it reaches.
 */
export function planWrite(
  model: GraphModel,
  labels: BookkeepingLabels,
  batch: WriteBatch,
  now: Date,
): WritePlan {
  const rowsByType = new Map<NodeType, WriteRow[]>();
  const progress = new Map<string, ReceiptProgress>();
  const rejected: RejectedOperation[] = [];
  let written = 0;

  for (const positioned of batch.operations) {
    const { operation } = positioned;
    const tally = progress.get(operation.receipt.id) ?? {
      receipt: operation.receipt,
      written: 0,
      rejected: 0,
    };
    try {
      const node = model.nodes.get(operation.type);
      if (!node) throw new Error(`the graph has no node type ${operation.type}`);
      const row = toWriteRow(node, operation);
      const rows = rowsByType.get(node);
      if (rows) rows.push(row);
      else rowsByType.set(node, [row]);
      progress.set(operation.receipt.id, { ...tally, written: tally.written + 1 });
      written += 1;
    } catch (error) {
      rejected.push({
        ...positioned,
        reason: error instanceof Error ? error.message : String(error),
      });
      progress.set(operation.receipt.id, { ...tally, rejected: tally.rejected + 1 });
    }
  }

  const statements = [...rowsByType].map(([node, rows]) => nodeUpsertStatement(node, rows));
  if (progress.size > 0)
    statements.push(receiptProgressStatement(labels.receipt, [...progress.values()], now));
  statements.push(storeOffsetStatement(labels.offset, batch.applied));
  return { statements, written, rejected };
}
