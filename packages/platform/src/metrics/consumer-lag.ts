import type { Admin } from 'kafkajs';
import type { KafkaMetrics } from './kafka-metrics.js';
import { startPoller, type Poller } from './poller.js';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/**
 * Lag per partition: the partition's end offset minus the group's committed
 * offset. A partition the group never committed on lags by everything still
 * retained (end minus start).
 */
export async function readConsumerLag(
  admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      const start = offset >= 0 ? offset : Number(end.low);
      lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - start) });
    }
  }
  return lags;
}

export interface ConsumerLagPollerOptions {
  readonly metrics: KafkaMetrics;
  /** A connected kafkajs admin client; the caller connects and disconnects it. */
  readonly admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** Polls the group's lag into `memgate_kafka_consumer_lag_messages`. */
export function startConsumerLagPoller(options: ConsumerLagPollerOptions): Poller {
  return startPoller(
    async () => {
      for (const { topic, partition, lag } of await readConsumerLag(
        options.admin,
        options.groupId,
        options.topics,
      )) {
        options.metrics.setLag(topic, partition, options.groupId, lag);
      }
    },
    { intervalMs: options.intervalMs ?? 15_000, onError: options.onError ?? (() => undefined) },
  );
}
