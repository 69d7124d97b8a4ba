import type { Kafka } from 'kafkajs';
import { toBrokerError } from './broker-errors.js';

/** As long as kafkajs keeps topic metadata before it asks again (its `metadataMaxAge`). */
const MAX_AGE_MS = 5 * 60 * 1000;

/**
 * How many partitions a topic has, asked of the broker once and again
 * after five minutes: a producer that frames records per partition (ADR
 * 0012) must know them, and a topic can gain partitions while we run.
 */
export class PartitionCounts {
  private readonly known = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly kafka: Pick<Kafka, 'admin'>,
    private readonly now: () => number = Date.now,
  ) {}

  async of(topic: string): Promise<number> {
    const known = this.known.get(topic);
    if (known && known.until > this.now()) return known.count;
    const count = await this.fetch(topic);
    this.known.set(topic, { count, until: this.now() + MAX_AGE_MS });
    return count;
  }

  private async fetch(topic: string): Promise<number> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const count = topics.find(({ name }) => name === topic)?.partitions.length ?? 0;
      if (count === 0) throw new Error(`the broker knows no partitions of ${topic}`);
      return count;
    } catch (error) {
      throw toBrokerError(error, `read the partitions of ${topic}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
