import type { Logger } from '@memgate/platform/logging';
import type { KafkaMetrics } from '@memgate/platform/metrics';
import type { Tracer } from '@memgate/platform/tracing';
import type { WriteSummary } from '../write/batch-writer.js';
import { holdsMessage, NOTHING_APPLIED, type AppliedPosition } from '../write/applied-position.js';
import { appliedOffsetOf, lastWholeMessage, type WriteBatch } from '../write/write-batch.js';
import type { AppliedOffsets } from './applied-offsets.js';
import type { ChangePublisher } from './change-publisher.js';
import { withConsumeSpan } from './consume-span.js';
import type { BatchMessage, MessageDecoder } from './message-decoders.js';
import { PublishChain } from './publish-chain.js';
import { recordSlices } from './record-slices.js';
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
  /** Most records in one transaction (a framed message may be split to keep to it). */
  readonly batchMax: number;
  /** The decoder of a topic: graph operations, or raw records through their mapping. */
  readonly decoderFor: (topic: string) => MessageDecoder;
  readonly writer: { write(batch: WriteBatch, control: WriteControl): Promise<boolean> };
  readonly breaker: { isOpen(): boolean };
  readonly applied: AppliedOffsets;
  /** Publishes each committed batch's change events before its offsets are resolved. */
  readonly publisher: Pick<ChangePublisher, 'publish'>;
  readonly logger: Logger;
  /** Messages consumed and batch sizes, and records applied, by topic and group. */
  readonly metrics?: Pick<KafkaMetrics, 'recordBatch' | 'recordApplied'>;
  /** A consumer span per transaction, continuing the trace its messages carry. */
  readonly tracer?: Tracer;
}

/**
 * Consume → decode → batch → write → publish changes → resolve, for one
 * fetched batch of one partition (a batch's events are published while the
 * next one is written). Messages at or below the offset the graph
 * already holds are skipped: they were applied by a worker that died before
 * committing to Kafka. An offset is resolved only after its transaction
 * committed and its change events were published, so Kafka never moves
 * past data that is not in the graph, nor past events that are not out.
 * While the circuit is open nothing is written and nothing resolved: the
 * consumer is paused, and the messages come again when it resumes.
 */
export class BatchProcessor {
  constructor(private readonly options: BatchProcessorOptions) {}

  async process(handle: BatchHandle): Promise<void> {
    if (this.options.breaker.isOpen()) return;
    const isRunning = () => handle.isRunning() && !handle.isStale();
    const heartbeat = () => handle.heartbeat();
    const chain = new PublishChain(this.options.publisher, { isRunning, heartbeat });
    const control: WriteControl = {
      isRunning,
      heartbeat,
      committed: (batch, summary) => this.committed(batch, summary, handle, chain),
      unpublished: () => chain.unpublished(),
    };
    try {
      await this.write(handle, control);
    } finally {
      // Offsets are resolved as their events go out: kafkajs commits them when this returns.
      await chain.drain();
    }
  }

  private async write(handle: BatchHandle, control: WriteControl): Promise<void> {
    const { topic, partition, messages } = handle.batch;
    const { logger, breaker } = this.options;
    this.options.metrics?.recordBatch(topic, this.options.groupId, messages.length);
    const applied = await this.lastApplied(topic, partition);
    const fresh = messages.filter((message) => !holdsMessage(applied, message.offset));
    const lastSkipped =
      messages.length > fresh.length ? messages[messages.length - fresh.length - 1] : undefined;
    const position = { group: this.options.groupId, topic, partition };
    if (lastSkipped) {
      logger.info(
        {
          topic,
          partition,
          skipped: messages.length - fresh.length,
          lastApplied: String(applied.offset),
        },
        'skipping messages the graph already holds',
      );
      // Not just resolved: the writer looks at the partition's outbox and
      // publishes the change events of the last applied batch if these
      // messages are part of it (their worker may have died before it
      // published them). Nothing is written again.
      const replay = [
        {
          offset: lastSkipped.offset,
          receipt: undefined,
          operations: [],
          deadLetter: { source: topic, payload: null },
        },
      ];
      const replayed = await withConsumeSpan(
        this.options.tracer,
        { ...position, messages: [lastSkipped] },
        () => this.options.writer.write({ position, records: replay }, control),
      );
      if (!replayed) return;
    }

    const decode = this.options.decoderFor(topic);
    for await (const slice of recordSlices(fresh, decode, this.options.batchMax)) {
      // Stopping, or the engine is down: leave the rest for later (or the next owner).
      if (!control.isRunning() || breaker.isOpen()) return;
      const written = await withConsumeSpan(
        this.options.tracer,
        { ...position, messages: slice.messages },
        () => this.options.writer.write({ position, records: slice.records }, control),
      );
      if (!written) return;
      await handle.heartbeat();
    }
  }

  /** Nothing applied when unknown: the write transaction checks the stored position again anyway. */
  private async lastApplied(topic: string, partition: number): Promise<AppliedPosition> {
    try {
      return await this.options.applied.lastApplied(topic, partition);
    } catch (error) {
      this.options.logger.warn(
        { err: error, topic, partition },
        'could not read the applied offset',
      );
      return NOTHING_APPLIED;
    }
  }

  /** Committed: the graph holds the batch. Its offsets are resolved once its events are out. */
  private committed(
    batch: WriteBatch,
    summary: WriteSummary,
    handle: BatchHandle,
    chain: PublishChain,
  ): Promise<boolean> {
    const { topic, partition, reached } = appliedOffsetOf(batch);
    for (const { record, reason } of summary.rejected) {
      this.options.logger.warn(
        {
          topic,
          partition,
          offset: record.offset,
          ...(record.index !== undefined && { index: record.index }),
          receiptId: record.receipt?.id,
          reason,
        },
        'record rejected and dead-lettered',
      );
    }
    if (summary.alreadyApplied > 0) {
      this.options.logger.info(
        {
          topic,
          partition,
          alreadyApplied: summary.alreadyApplied,
          republished: summary.changes.length,
        },
        'records the graph already held were not applied again',
      );
    }
    this.options.metrics?.recordApplied(topic, this.options.groupId, {
      written: summary.written,
      skipped: summary.skipped,
      rejected: summary.rejected.length,
    });
    this.options.applied.remember(topic, partition, reached);
    const from = batch.records[0]?.offset ?? String(reached.offset);
    // A message is resolved with its last record: a batch may end inside a frame.
    const done = lastWholeMessage(batch);
    return chain.add({ messages: summary.changes, from }, () => {
      if (done !== undefined) handle.resolveOffset(done);
    });
  }
}
