import { findFreePort } from '@memgate/platform/launcher';
import { parseExposition, sampleValue } from '@memgate/platform/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  isolatedPipeline,
  type IsolatedPipeline,
} from '../../test/ingestion-harness.js';
import { silentLogger } from '../../test/silent-logger.js';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { ingestionTopics } from '../kafka/topics.js';
import { CleanupStack } from './cleanup-stack.js';
import { createIngestionWorker } from './create-ingestion-worker.js';

interface ReadinessAnswer {
  readonly status: number;
  readonly body: { ready: boolean; checks: Record<string, { ok: boolean; reason?: string }> };
}

/**
 * A starting worker is alive but not ready until its consumers have joined
 * their group. The join is held back deterministically: another member of
 * the group is stuck in a batch (no heartbeats, so it never rejoins), and
 * the broker holds the worker's join until that member leaves.
 */
describe('a worker that has not joined its group yet', () => {
  const cleanup = new CleanupStack();
  let pipeline: IsolatedPipeline;
  let port: number;

  beforeAll(async () => {
    port = await findFreePort();
    pipeline = await isolatedPipeline({ MEMGATE_WORKER_PORT: String(port) });
    cleanup.push(() => pipeline.dispose());
  });

  afterAll(() => cleanup.run());

  const readiness = async (): Promise<ReadinessAnswer | undefined> => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return { status: response.status, body: (await response.json()) as ReadinessAnswer['body'] };
    } catch {
      return undefined; // Not listening yet.
    }
  };

  it('answers /readyz with 503 until its consumers join, then 200', async () => {
    const group = pipeline.config.workerGroupId;
    const topic = ingestionTopics(pipeline.config.topicPrefix).graphOps;
    const kafka = createKafkaClient({
      brokers: pipeline.kafkaBrokers,
      clientId: 'test-blocking-member',
      logger: silentLogger(),
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    // Not an operation: the worker dead-letters it once it gets the partition.
    await producer.send({ topic, messages: [{ key: 'k', value: 'not an operation' }] });
    await producer.disconnect();

    const member = kafka.consumer({ groupId: group, sessionTimeout: 60_000 });
    cleanup.push(() => member.disconnect());
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inBatch = new Promise<void>((resolve) => (entered = resolve));
    await member.connect();
    await member.subscribe({ topic, fromBeginning: true });
    await member.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async () => {
        entered();
        await released;
      },
    });
    await inBatch;

    const worker = await createIngestionWorker({ ...pipeline, logger: silentLogger() });
    cleanup.push(() => worker.stop());
    const starting = worker.start();
    starting.catch(() => undefined);
    const before = await eventually(readiness, 'the worker to listen', 30_000);
    expect(before.status).toBe(503);
    expect(before.body.checks).toEqual({
      engine: { ok: true },
      broker: { ok: true },
      [`consumer:${group}`]: { ok: false, reason: 'the consumer has not joined its group yet' },
      circuit: { ok: true },
    });

    release();
    await member.disconnect();
    const { url } = await starting;
    const after = await eventually(async () => {
      const answer = await readiness();
      return answer?.status === 200 ? answer : undefined;
    }, 'the worker to be ready');
    expect(after.body.ready).toBe(true);

    // And the message the other member left unresolved is the worker's now: dead-lettered.
    await eventually(async () => {
      const samples = parseExposition(await (await fetch(`${url}/metrics`)).text());
      return sampleValue(samples, 'memgate_kafka_dead_letter_messages_total', {
        topic,
        reason: 'unreadable',
      });
    }, 'the unreadable message to be dead-lettered');
  });
});
