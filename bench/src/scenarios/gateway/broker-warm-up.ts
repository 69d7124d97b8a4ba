import { Kafka, logLevel } from 'kafkajs';

/**
 * Waits until a just-started broker can coordinate consumer groups: until
 * then joins fail with "The coordinator is loading", which services treat
 * as a start-up failure. Joins a throw-away group until it works.
 */
export async function waitForGroupCoordinator(
  brokers: readonly string[],
  timeoutMs = 120_000,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'memgate-bench',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench-warm-up-${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const consumer = kafka.consumer({ groupId: topic, retry: { retries: 0 } });
      try {
        const joined = new Promise<void>((resolve) =>
          consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
        );
        await consumer.connect();
        await consumer.subscribe({ topic });
        await consumer.run({ eachMessage: () => Promise.resolve() });
        await joined;
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    }
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
