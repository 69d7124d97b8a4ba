import { consumerReadiness } from '@memgate/platform/health';
import type { ReadinessCheck } from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import type { Consumer, Kafka } from 'kafkajs';
import { toBrokerError } from '../kafka/broker-errors.js';
import type { AppliedOffsets } from './applied-offsets.js';
import type { BatchProcessor } from './batch-processor.js';

export interface PipelineConsumerOptions {
  readonly groupId: string;
  /** The graph-ops topic, the raw topic of every source, the external topics of mappings. */
  readonly topics: readonly string[];
  readonly processor: Pick<BatchProcessor, 'process'>;
  readonly applied: AppliedOffsets;
  /** Partitions processed at once; a partition's batches always come one after the other. */
  readonly concurrency?: number;
  /** How long the group waits for a silent member; heartbeats go three times as often. */
  readonly sessionTimeoutMs?: number;
  readonly logger: Logger;
}

/**
 * The kafkajs side of a worker: a member of the writers' consumer group that
 * hands each fetched batch to the processor and resolves offsets by hand.
 * Pausing stops fetching without leaving the group: unresolved messages
 * are fetched again after `resume`.
 */
export class PipelineConsumer {
  private readonly consumer: Consumer;
  /**
   * For /readyz: ready while the consumer is a member of its group, from
   * its first join to a rebalance, crash or stop (`consumer:<groupId>`).
   */
  readonly readiness: ReadinessCheck;

  constructor(
    kafka: Kafka,
    private readonly options: PipelineConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      // How long an idle fetch waits on the broker; also how long a stop
      // waits for it. A second keeps both short at one request a second.
      maxWaitTimeInMs: 1000,
      // A fetch of 1 MB per partition (kafkajs' default) stops short of a full
      // batch of small records; fewer, fuller transactions write faster.
      maxBytesPerPartition: 4 * 1024 * 1024,
      ...(options.sessionTimeoutMs !== undefined && {
        sessionTimeout: options.sessionTimeoutMs,
        heartbeatInterval: Math.min(3000, Math.floor(options.sessionTimeoutMs / 3)),
      }),
    });
    // Attached before run(), so the first join is seen.
    this.readiness = consumerReadiness(this.consumer, { name: `consumer:${options.groupId}` });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      options.applied.forgetAll();
      options.logger.info({ assignment: event.payload.memberAssignment }, 'partitions assigned');
    });
  }

  /** For logs: the group and what it reads. */
  get description(): { groupId: string; topics: readonly string[] } {
    return { groupId: this.options.groupId, topics: this.options.topics };
  }

  async start(): Promise<void> {
    try {
      await this.consumer.connect();
      // A new group starts at the beginning: nothing queued before the first worker ran is lost.
      await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.concurrency ?? 1,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.options.processor.process(payload),
      });
    } catch (error) {
      await this.consumer.disconnect().catch(() => undefined);
      throw toBrokerError(error, 'start consuming');
    }
  }

  pause(): void {
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
  }

  resume(): void {
    this.consumer.resume(this.options.topics.map((topic) => ({ topic })));
  }

  /**
   * Graceful drain: kafkajs stops fetching, waits for the batch in flight
   * (the processor stops between transactions), commits the offsets resolved
   * so far and leaves the group, so its partitions move on at once.
   */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
