import { hostname } from 'node:os';
import type { Logger } from '@memgate/platform/logging';
import type { Consumer, Kafka } from 'kafkajs';
import type { ChangeHub } from './changeHub.js';
import { changesTopic, parseChangeMessages } from './changeMessages.js';

/** Reasons logged per message; the count says how many events were skipped in all. */
const MAX_LOGGED_REASONS = 3;

export interface ChangeFeedOptions {
  kafka: Kafka;
  topicPrefix: string;
  /** Each replica reads with a group of its own: `<prefix>-<host>-<pid>`. */
  groupPrefix: string;
  hub: ChangeHub;
  logger: Logger;
}

export interface ChangeFeed {
  /** Resolves once the consumer has joined its group and reads from the end of the topic. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A consumer group of this process alone, so every replica sees every change. */
export function replicaGroupId(groupPrefix: string): string {
  return `${groupPrefix}-${hostname()}-${process.pid}`;
}

/**
 * Reads the changes topic into the hub. Live subscriptions only care about
 * what happens from now on, so the group starts at the latest offset and
 * never commits: a replica that restarts starts from now again, and Kafka
 * drops the offset-less group once it is empty.
 */
export function kafkaChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { logger } = options;
  const topic = changesTopic(options.topicPrefix);
  const groupId = replicaGroupId(options.groupPrefix);
  const { kafka } = options;
  let consumer: Consumer | undefined;

  return {
    async start() {
      await ensureTopic(kafka, topic);
      const created = kafka.consumer({ groupId, allowAutoTopicCreation: false });
      consumer = created;
      const joined = new Promise<void>((resolve) => {
        created.on(created.events.GROUP_JOIN, () => resolve());
      });
      await created.connect();
      await created.subscribe({ topic, fromBeginning: false });
      await created.run({
        autoCommit: false,
        eachMessage: ({ message }) => {
          const { changes, invalid } = parseChangeMessages(message.value);
          for (const change of changes) options.hub.publish(change);
          if (invalid.length > 0) {
            // A frame of events the gateway cannot read may hold a thousand: name the first few.
            logger.warn(
              {
                topic,
                offset: message.offset,
                skipped: invalid.length,
                reason: invalid.slice(0, MAX_LOGGED_REASONS).join(' | '),
              },
              'skipping invalid change events',
            );
          }
          return Promise.resolve();
        },
      });
      await joined;
      logger.info({ topic, groupId }, 'reading the change feed');
    },
    async stop() {
      await consumer?.disconnect();
    },
  };
}

/**
 * The ingestion workers create the topic with their partition layout; when
 * the gateway starts first it creates it with the broker's defaults, so it
 * can subscribe at once (production brokers do not auto-create topics).
 */
async function ensureTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
}
