import { silentLogger } from './silent-logger.js';
import { createKafkaClient } from '../src/kafka/kafka-client.js';
import { decodeChangeEvents } from '../src/kafka/change-codec.js';
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

/** An event of the changes topic, where it sits: its message, and its place in the frame. */
export interface ReadChange {
  readonly partition: number;
  readonly offset: number;
  readonly index: number;
  readonly event: Record<string, unknown>;
}

/**
 * Every event the changes topic holds right now, in partition and offset
 * order: its messages are frames of several (ADR 0013).
 */
export async function readChanges(
  brokers: readonly string[],
  topic: string,
): Promise<ReadChange[]> {
  const changes: ReadChange[] = [];
  for (const message of await readTopic(brokers, topic)) {
    const decoded = decodeChangeEvents(message.value);
    if (!decoded.ok) throw new Error(`${topic}@${message.offset}: ${decoded.reason}`);
    for (const [index, event] of decoded.events.entries()) {
      changes.push({
        partition: message.partition,
        offset: Number(message.offset),
        index,
        event: event as Record<string, unknown>,
      });
    }
  }
  return changes.sort(
    (a, b) => a.partition - b.partition || a.offset - b.offset || a.index - b.index,
  );
}
