import type { Kafka } from 'kafkajs';
import { toBrokerError } from './broker-errors.js';

/** Asked again after as long as kafkajs keeps its own topic metadata (its `metadataMaxAge`), though not in step with it. */
const MAX_AGE_MS = 5 * 60 * 1000;
/** After a failed refresh, the count known before serves this long before the broker is asked again. */
const RETRY_AFTER_MS = 30 * 1000;

/**
 * How many partitions a topic has, asked of the broker once and again
 * after five minutes: a producer that frames records per partition (ADR
 * 0012) must know them, and a topic can gain partitions while we run.
 */
export class PartitionCounts {
  private readonly known = new Map<string, { count: number; until: number }>();
  /** One question to the broker per topic at a time, however many sends wait for it. */
  private readonly asking = new Map<string, Promise<number>>();

  constructor(
    private readonly kafka: Pick<Kafka, 'admin'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A refresh that fails keeps the count known before (partitions are never
   * removed, so it is at worst too low, and frames are keyed anyway): only
   * a topic never read fails its send.
   */
  async of(topic: string): Promise<number> {
    const known = this.known.get(topic);
    if (known && known.until > this.now()) return known.count;
    let asking = this.asking.get(topic);
    if (!asking) {
      asking = this.fetch(topic).finally(() => this.asking.delete(topic));
      this.asking.set(topic, asking);
    }
    try {
      const count = await asking;
      this.known.set(topic, { count, until: this.now() + MAX_AGE_MS });
      return count;
    } catch (error) {
      if (!known) throw error;
      // Sends go on with what was known rather than each waiting on a broker that does not answer.
      this.known.set(topic, { count: known.count, until: this.now() + RETRY_AFTER_MS });
      return known.count;
    }
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
