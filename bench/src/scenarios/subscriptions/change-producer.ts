import { Kafka, logLevel, type Producer } from 'kafkajs';

/**
 * Writes node changes to the changes topic as the ingestion workers do
 * (`{kind, typename, key, at}` keyed by node), standing in for them so the
 * benchmark measures the gateway's fan-out alone.
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
    await this.producer.send({
      topic: this.topic,
      messages: ids.map((id) => ({
        key: `Person:${JSON.stringify({ id })}`,
        value: JSON.stringify({ kind: 'upserted', typename: 'Person', key: { id }, at }),
      })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
