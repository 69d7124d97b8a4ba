import { encodeChangeFrame, FRAME_LIMITS } from '@memgate/ingestion';
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';

/**
 * Writes node changes to the changes topic as the ingestion workers do
 * (`{kind, typename, key, at}` events in frames, keyed by their first
 * node), standing in for them so the benchmark measures the gateway's
 * fan-out alone.
 */
export class ChangeProducer {
  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async connect(brokers: readonly string[], topic: string): Promise<ChangeProducer> {
    const kafka = new Kafka({
      clientId: 'memgate-bench',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new ChangeProducer(producer, topic);
  }

  /** One upserted Person per id, in one produce request. */
  async send(ids: readonly string[]): Promise<void> {
    const at = new Date().toISOString();
    const messages: Message[] = [];
    // As many events per message as the workers put in a frame (ADR 0013); these are small.
    for (let start = 0; start < ids.length; start += FRAME_LIMITS.maxRecords) {
      const frame = ids.slice(start, start + FRAME_LIMITS.maxRecords);
      messages.push({
        key: `Person:${frame[0] ?? ''}`,
        value: encodeChangeFrame(
          frame.map((id) =>
            JSON.stringify({ kind: 'upserted', typename: 'Person', key: { id }, at }),
          ),
        ),
      });
    }
    await this.producer.send({ topic: this.topic, messages });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
