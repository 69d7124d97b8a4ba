import type { Logger } from '@memgate/platform/logging';
import { decodeOperation } from '../kafka/operation-codec.js';
import type { PositionedOperation, WriteBatch } from '../write/write-plan.js';
import type { WriteSummary } from '../write/batch-writer.js';
import type { AppliedOffsets } from './applied-offsets.js';

export interface BatchMessage {
  readonly offset: string;
  readonly value: Buffer | null;
}

/** The part of kafkajs' `eachBatch` payload the processor uses. */
export interface BatchHandle {
  readonly batch: {
    readonly topic: string;
    readonly partition: number;
    readonly messages: readonly BatchMessage[];
  };
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface BatchProcessorOptions {
  readonly groupId: string;
  /** Most operations in one transaction. */
  readonly batchMax: number;
  readonly writer: { write(batch: WriteBatch): Promise<WriteSummary> };
  readonly applied: AppliedOffsets;
  readonly logger: Logger;
}

/**
 * Consume → batch → write → resolve, for one fetched batch of one partition.
 * Messages at or below the offset the graph already holds are skipped: they
 * were applied by a worker that died before committing to Kafka. An offset
 * is resolved only after its transaction committed, so Kafka never moves
 * past data that is not in the graph.
 */
export class BatchProcessor {
  constructor(private readonly options: BatchProcessorOptions) {}

  async process(handle: BatchHandle): Promise<void> {
    const { topic, partition, messages } = handle.batch;
    const { applied, logger } = this.options;
    const lastApplied = await applied.lastApplied(topic, partition);
    const fresh = messages.filter((message) => BigInt(message.offset) > lastApplied);
    const lastSkipped =
      messages.length > fresh.length ? messages[messages.length - fresh.length - 1] : undefined;
    if (lastSkipped) {
      logger.info(
        {
          topic,
          partition,
          skipped: messages.length - fresh.length,
          lastApplied: String(lastApplied),
        },
        'skipped messages the graph already holds',
      );
      handle.resolveOffset(lastSkipped.offset);
    }

    for (let start = 0; start < fresh.length; start += this.options.batchMax) {
      // Stopping: leave the rest to the next owner of the partition.
      if (!handle.isRunning() || handle.isStale()) return;
      const chunk = fresh.slice(start, start + this.options.batchMax);
      const last = chunk[chunk.length - 1];
      if (!last) return;
      const summary = await this.options.writer.write({
        operations: this.decode(topic, partition, chunk),
        applied: { group: this.options.groupId, topic, partition, offset: last.offset },
      });
      for (const rejected of summary.rejected) {
        logger.error(
          {
            topic,
            partition,
            offset: rejected.offset,
            receiptId: rejected.operation.receipt.id,
            reason: rejected.reason,
          },
          'graph operation rejected',
        );
      }
      applied.remember(topic, partition, last.offset);
      handle.resolveOffset(last.offset);
      await handle.heartbeat();
    }
  }

  private decode(
    topic: string,
    partition: number,
    messages: readonly BatchMessage[],
  ): PositionedOperation[] {
    const operations: PositionedOperation[] = [];
    for (const message of messages) {
      const decoded = decodeOperation(message.value);
      if (decoded.ok) {
        operations.push({ operation: decoded.operation, offset: message.offset });
      } else {
        // No receipt to charge it to; logged with its position so it can be found and replayed.
        this.options.logger.error(
          { topic, partition, offset: message.offset, reason: decoded.reason },
          'unreadable message on the graph-ops topic skipped',
        );
      }
    }
    return operations;
  }
}
