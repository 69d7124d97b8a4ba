import { silentLogger } from './silent-logger.js';
import { createKafkaClient } from '../src/kafka/kafka-client.js';
import { decodeRawRecords } from '../src/kafka/raw-record-codec.js';

export interface ReadMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
}

/**
 * Every message a topic holds right now, read by a consumer group of its
 * own: the test sees exactly what is there, no more and no less.
 */
export async function readTopic(brokers: readonly string[], topic: string): Promise<ReadMessage[]> {
  const kafka = createKafkaClient({ brokers, clientId: 'test-reader', logger: silentLogger() });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = ends.reduce((sum, end) => sum + Number(end.high) - Number(end.low), 0);
  const messages: ReadMessage[] = [];
  if (expected === 0) return messages;
  const consumer = kafka.consumer({
    groupId: `test-reader-${Date.now()}-${Math.random()}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length} of ${expected} messages of ${topic}`)),
        20_000,
      );
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value,
          });
          if (messages.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** How many messages a topic holds. */
export async function countMessages(brokers: readonly string[], topic: string): Promise<number> {
  const kafka = createKafkaClient({ brokers, clientId: 'test-counter', logger: silentLogger() });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    return ends.reduce((sum, end) => sum + Number(end.high) - Number(end.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** How many raw records a raw topic holds: its messages are frames of several (ADR 0012). */
export async function countRawRecords(brokers: readonly string[], topic: string): Promise<number> {
  let records = 0;
  for (const message of await readTopic(brokers, topic)) {
    const decoded = decodeRawRecords(message.value);
    if (!decoded.ok) throw new Error(`${topic}@${message.offset}: ${decoded.reason}`);
    records += decoded.frame.records.length;
  }
  return records;
}
