import { Kafka, logLevel, type Producer } from 'kafkajs';

/**
 * Writes change events to the changes topic one per message, with no
 * envelope: the format of earlier releases and of other producers, which
 * the gateway still reads (the workers publish frames, ADR 0013).
 */
export class ChangeProducer {
  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async connect(brokers: readonly string[], topic: string): Promise<ChangeProducer> {
    const kafka = new Kafka({
      clientId: 'gateway-tests',
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

  async send(...messages: Record<string, unknown>[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      messages: messages.map((message) => ({
        key:
          message['kind'] === 'receipt'
            ? String(message['receiptId'])
            : `${String(message['typename'])}:${JSON.stringify(message['key'])}`,
        value: JSON.stringify(message),
      })),
    });
  }

  upserted(typename: string, id: string, receiptId?: string): Record<string, unknown> {
    return {
      kind: 'upserted',
      typename,
      key: { id },
      at: new Date().toISOString(),
      ...(receiptId && { receiptId }),
    };
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
