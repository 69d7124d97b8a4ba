import type { GraphModel } from '@memgate/graph-model';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';
import type { DeadLetter, DeadLetterSink } from '../model/dead-letter.js';
import { receiptProgressStatement } from '../receipts/receipt-statements.js';
import { missingEndsReasons } from './missing-ends.js';
import { claimOffsetStatement, storeOffsetStatement } from './offset-statements.js';
import { offsetValue } from './offset-store.js';
import { tallyBatch } from './receipt-tally.js';
import {
  appliedOffsetOf,
  type BatchPosition,
  type RejectedRecord,
  type WriteBatch,
} from './write-batch.js';
import { planWrite } from './write-plan.js';
import type { TransactionScope, TransactionalGraph } from './write-transaction.js';

export interface WriteSummary {
  readonly written: number;
  readonly skipped: number;
  readonly rejected: readonly RejectedRecord[];
  /** Records the graph already held (a retried or redelivered batch): not applied again. */
  readonly alreadyApplied: number;
}

export interface WriteOptions {
  readonly now?: Date;
  /** Reject every record with this reason instead of writing it: the end of a bisection. */
  readonly refuseAll?: string;
}

/**
 * Applies a batch in ONE write transaction: the data, the receipt counters,
 * the offset, and the dead letters of what it rejected all happen together
 * or not at all. The transaction first locks the partition's offset and
 * skips what it covers, so a redelivered or retried batch is harmless; the
 * dead letters are published before the commit, so a rejected record is
 * never lost (a failed commit may publish a letter twice).
 */
export class BatchWriter {
  constructor(
    private readonly graph: TransactionalGraph,
    private readonly model: GraphModel,
    private readonly labels: BookkeepingLabels,
    private readonly deadLetters: DeadLetterSink,
    private readonly options: { readonly timeoutMs: number },
  ) {}

  async write(batch: WriteBatch, options: WriteOptions = {}): Promise<WriteSummary> {
    return this.graph.writeTransaction((tx) => this.apply(tx, batch, options), {
      timeoutMs: this.options.timeoutMs,
      metadata: { app: 'memgate-ingestion', action: 'write-batch' },
    });
  }

  private async apply(
    tx: TransactionScope,
    batch: WriteBatch,
    options: WriteOptions,
  ): Promise<WriteSummary> {
    const [claimed] = await tx.run(claimOffsetStatement(this.labels.offset, batch.position));
    const stored = offsetValue(claimed?.get('lastOffset')) ?? -1n;
    const records = batch.records.filter((record) => BigInt(record.offset) > stored);
    const alreadyApplied = batch.records.length - records.length;
    if (records.length === 0) return { written: 0, skipped: 0, rejected: [], alreadyApplied };

    const rejections = new Map<number, string>();
    if (options.refuseAll !== undefined) {
      records.forEach((_, index) => rejections.set(index, options.refuseAll as string));
    } else {
      const plan = planWrite(this.model, records);
      for (const [index, reason] of plan.refused) rejections.set(index, reason);
      for (const step of plan.steps) {
        const result = await tx.run(step.statement);
        if (!step.connect) continue;
        const written = new Set(result.map((record) => Number(record.get('i'))));
        const missing = step.connect.rows.filter((row) => !written.has(row.i));
        if (missing.length === 0) continue;
        const reasons = await missingEndsReasons(
          tx,
          step.connect.target,
          missing,
          plan.connectRows,
        );
        for (const [index, reason] of reasons) {
          if (!rejections.has(index)) rejections.set(index, reason);
        }
      }
    }

    const outcome = tallyBatch(batch.position, records, rejections);
    if (outcome.progress.length > 0) {
      await tx.run(
        receiptProgressStatement(this.labels.receipt, outcome.progress, options.now ?? new Date()),
      );
    }
    await tx.run(storeOffsetStatement(this.labels.offset, appliedOffsetOf(batch)));
    if (outcome.rejected.length > 0) {
      await this.deadLetters.send(
        outcome.rejected.map((rejected) => deadLetterOf(batch.position, rejected)),
      );
    }
    return {
      written: outcome.written,
      skipped: outcome.skipped,
      rejected: outcome.rejected,
      alreadyApplied,
    };
  }
}

export function deadLetterOf(position: BatchPosition, rejected: RejectedRecord): DeadLetter {
  const { record, reason } = rejected;
  return {
    source: record.deadLetter.source,
    topic: position.topic,
    partition: position.partition,
    offset: record.offset,
    receiptId: record.receipt?.id ?? null,
    reason,
    payload: record.deadLetter.payload,
  };
}
