import type { Logger } from '@memgate/platform/logging';
import type { WriteSummary } from '../write/batch-writer.js';
import { appliedOffsetOf, type BatchRecord, type WriteBatch } from '../write/write-batch.js';
import type { AppliedOffsets } from './applied-offsets.js';
import type { BatchMessage, MessageDecoder } from './message-decoders.js';
import type { WriteControl } from './resilient-writer.js';

export type { BatchMessage } from './message-decoders.js';

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
  /** Most messages in one transaction. */
  readonly batchMax: number;
  /** The decoder of a topic: graph operations, or raw records through their mapping. */
  readonly decoderFor: (topic: string) => MessageDecoder;
  readonly writer: { write(batch: WriteBatch, control: WriteControl): Promise<boolean> };
  readonly breaker: { isOpen(): boolean };
  readonly applied: AppliedOffsets;
  readonly logger: Logger;
}

/**
 * Consume → decode → batch → write → resolve, for one fetched batch of one
 * partition. Messages at or below the offset the graph already holds are
 * skipped: they were applied by a worker that died before committing to
 * Kafka. An offset is resolved only after its transaction committed, so
 * Kafka never moves past data that is not in the graph. While the circuit
 * is open nothing is written and nothing resolved: the consumer is paused,
 * and the messages come again when it resumes.
 */
export class BatchProcessor {
  constructor(private readonly options: BatchProcessorOptions) {}

  async process(handle: BatchHandle): Promise<void> {
    const { topic, partition, messages } = handle.batch;
    const { logger, breaker } = this.options;
    if (breaker.isOpen()) return;
    const lastApplied = await this.lastApplied(topic, partition);
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

    const decode = this.options.decoderFor(topic);
    const control: WriteControl = {
      isRunning: () => handle.isRunning() && !handle.isStale(),
      heartbeat: () => handle.heartbeat(),
      committed: (batch, summary) => this.committed(batch, summary, handle),
    };
    for (let start = 0; start < fresh.length; start += this.options.batchMax) {
      // Stopping, or the engine is down: leave the rest for later (or the next owner).
      if (!control.isRunning() || breaker.isOpen()) return;
      const records: BatchRecord[] = [];
      for (const message of fresh.slice(start, start + this.options.batchMax)) {
        records.push(await decode(message));
      }
      const batch = { position: { group: this.options.groupId, topic, partition }, records };
      if (!(await this.options.writer.write(batch, control))) return;
      await handle.heartbeat();
    }
  }

  /** -1 when unknown: the write transaction checks the stored offset again anyway. */
  private async lastApplied(topic: string, partition: number): Promise<bigint> {
    try {
      return await this.options.applied.lastApplied(topic, partition);
    } catch (error) {
      this.options.logger.warn(
        { err: error, topic, partition },
        'could not read the applied offset',
      );
      return -1n;
    }
  }

  private committed(batch: WriteBatch, summary: WriteSummary, handle: BatchHandle): void {
    const { topic, partition, offset } = appliedOffsetOf(batch);
    for (const { record, reason } of summary.rejected) {
      this.options.logger.warn(
        { topic, partition, offset: record.offset, receiptId: record.receipt?.id, reason },
        'record rejected and dead-lettered',
      );
    }
    if (summary.alreadyApplied > 0) {
      this.options.logger.info(
        { topic, partition, alreadyApplied: summary.alreadyApplied },
        'records the graph already held were not applied again',
      );
    }
    this.options.applied.remember(topic, partition, offset);
    handle.resolveOffset(offset);
  }
}
