import type { RunOptions, Statement } from '@memgate/cypher';
import type { GraphModel } from '@memgate/graph-model';
import type { Record as BoltRecord } from 'neo4j-driver';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';
import { planWrite, type RejectedOperation, type WriteBatch } from './write-plan.js';

/** The part of GraphClient the writer uses; tests hand in a fake. */
export interface TransactionalGraph {
  writeAll(statements: readonly Statement[], options?: RunOptions): Promise<BoltRecord[][]>;
}

export interface WriteSummary {
  readonly written: number;
  readonly rejected: readonly RejectedOperation[];
}

/**
 * Applies a batch in ONE write transaction: the data, the receipt counters
 * and the offset commit together or not at all. That is what makes a
 * redelivered batch harmless: its offset is in the graph exactly when its
 * effects are.
 */
export class BatchWriter {
  constructor(
    private readonly graph: TransactionalGraph,
    private readonly model: GraphModel,
    private readonly labels: BookkeepingLabels,
    private readonly options: { readonly timeoutMs: number },
  ) {}

  async write(batch: WriteBatch, now = new Date()): Promise<WriteSummary> {
    const plan = planWrite(this.model, this.labels, batch, now);
    await this.graph.writeAll(plan.statements, {
      timeoutMs: this.options.timeoutMs,
      metadata: { app: 'memgate-ingestion', action: 'write-batch' },
    });
    return { written: plan.written, rejected: plan.rejected };
  }
}
