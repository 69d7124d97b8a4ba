import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { checkReadiness } from '../http/index.js';
import { findFreePort } from '../launcher/index.js';
import { brokerReadiness } from './broker-readiness.js';
import { consumerReadiness } from './consumer-readiness.js';

const brokers = inject('kafkaBrokers');

describe('broker and consumer readiness against the real broker', () => {
  it('is ready when the broker describes its cluster, and says why not otherwise', async () => {
    const up = brokerReadiness(new Kafka({ brokers, logLevel: logLevel.NOTHING }));
    const closedPort = await findFreePort();
    const down = brokerReadiness(
      new Kafka({
        brokers: [`127.0.0.1:${closedPort}`],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
        connectionTimeout: 300,
      }),
      { name: 'nowhere', timeoutMs: 1_000 },
    );
    try {
      const report = await checkReadiness([up, down]);
      expect(report.checks['broker']).toEqual({ ok: true });
      expect(report.checks['nowhere']?.ok).toBe(false);
      expect(report.checks['nowhere']?.reason).toMatch(
        /ECONNREFUSED|Connection error|within 1000 ms/,
      );
    } finally {
      await Promise.all([up.close(), down.close()]);
    }
  });

  it('turns ready once a real consumer joined its group and not ready when it stops', async () => {
    const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
    const topic = `health-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    const check = consumerReadiness(consumer, { requirePartitions: true });
    try {
      await expect(check.check()).rejects.toThrow('has not joined');
      await consumer.connect();
      await consumer.subscribe({ topic });
      await consumer.run({ eachMessage: async () => undefined });
      const deadline = Date.now() + 30_000;
      while (
        Date.now() < deadline &&
        !(await check.check().then(
          () => true,
          () => false,
        ))
      ) {
        await sleep(100);
      }
      await expect(check.check()).resolves.toBeUndefined();
      await consumer.stop();
      await expect(check.check()).rejects.toThrow(/stopped|rebalancing/);
    } finally {
      await consumer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
