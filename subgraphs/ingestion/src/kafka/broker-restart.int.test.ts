import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload, type UploadResponse } from '../../test/http-upload.js';
import {
  eventually,
  isolatedPipeline,
  type IsolatedPipeline,
} from '../../test/ingestion-harness.js';
import { startRestartableBroker, type RestartableBroker } from '../../test/restartable-broker.js';
import { silentLogger } from '../../test/silent-logger.js';
import { readTopic } from '../../test/topic-reader.js';
import { CleanupStack } from '../server/cleanup-stack.js';
import { createIngestionSubgraph } from '../server/create-ingestion-subgraph.js';
import { createIngestionWorker } from '../server/create-ingestion-worker.js';
import { decodeDeadLetter } from './dead-letter-codec.js';
import { ingestionTopics } from './topics.js';

const UPLOADS = 12;
const PER_UPLOAD = 200;
const DOWN_MS = 10_000;

/**
 * The broker restarted mid-stream (its own broker, so no other test
 * notices): the producer's uploads fail or stall while it is down and are
 * retried with their Idempotency-Key, the worker's consumer and producers
 * reconnect, and the graph ends with every good record exactly once and
 * the dead letters with exactly the bad ones.
 */
describe('a broker restart mid-stream', () => {
  let broker: RestartableBroker;
  let pipeline: IsolatedPipeline;
  let url: string;
  const cleanup = new CleanupStack();
  const logger = silentLogger();

  beforeAll(async () => {
    broker = await startRestartableBroker();
    cleanup.push(() => broker.stop());
    const isolated = await isolatedPipeline({ MEMGATE_WORKER_BATCH_MAX: '100' });
    pipeline = { ...isolated, kafkaBrokers: broker.brokers };
    cleanup.push(() => isolated.dispose());
    const subgraph = await createIngestionSubgraph({ ...pipeline, logger });
    cleanup.push(() => subgraph.stop());
    url = (await subgraph.start()).url;
    const worker = await createIngestionWorker({ ...pipeline, logger });
    cleanup.push(() => worker.stop());
    await worker.start();
  }, 180_000);

  afterAll(() => cleanup.run(), 120_000);

  /** One upload: good records, a line that is not JSON, and a record the mapping rejects. */
  const bodyOf = (batch: number) =>
    [
      ...Array.from({ length: PER_UPLOAD - 2 }, (_, index) =>
        JSON.stringify({ id: `b${batch}-${index}`, name: `Restart ${batch} ${index}` }),
      ),
      `not json ${batch}`,
      JSON.stringify({ id: `bad${batch}`, name: 'Bad', age: 'many' }),
    ].join('\n');

  /** What a producer does: retry with the same Idempotency-Key until the service takes the upload. */
  const uploadUntilAccepted = async (batch: number): Promise<{ attempts: number }> => {
    for (let attempts = 1; ; attempts += 1) {
      let response: UploadResponse | undefined;
      try {
        response = await upload(url, '/ingest/contacts', bodyOf(batch), {
          'content-type': 'application/x-ndjson',
          'idempotency-key': `restart-${batch}`,
        });
      } catch {
        response = undefined;
      }
      if (response?.status === 202) return { attempts };
      if (response && response.status !== 503) {
        throw new Error(`upload ${batch}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  it('writes every good record once and dead-letters exactly the bad ones', async () => {
    let restarted: Promise<void> | undefined;
    let relaunchedAt = 0;
    let acceptedAt = 0;
    for (let batch = 0; batch < UPLOADS; batch += 1) {
      if (batch === 3) {
        // The fourth upload goes out once the broker is really gone.
        await new Promise<void>((stopped) => {
          restarted = broker.restart(DOWN_MS, stopped, () => {
            relaunchedAt = performance.now();
          });
        });
      }
      await uploadUntilAccepted(batch);
      if (batch === 3) acceptedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await restarted;
    // A 202 means durably in Kafka: the upload sent while the broker was
    // down (failed and retried, or held by the producer's own retries) is
    // accepted only after a broker process exists again, never before.
    // (Not "after the broker answers the test's readiness check": on a
    // loaded machine that check can finish seconds after producers got in.)
    expect(relaunchedAt).toBeGreaterThan(0);
    expect(acceptedAt).toBeGreaterThan(relaunchedAt);

    const good = UPLOADS * (PER_UPLOAD - 2);
    const counts = await eventually(
      async () => {
        const [found] = await pipeline.graph.read({
          text: `MATCH (n:\`Person${pipeline.suffix}\`) RETURN count(n) AS nodes, count(DISTINCT n.id) AS ids`,
          params: {},
        });
        const nodes = Number(found?.get('nodes'));
        return nodes >= good ? { nodes, ids: Number(found?.get('ids')) } : undefined;
      },
      'every good record written',
      120_000,
    );
    expect(counts).toEqual({ nodes: good, ids: good });

    const topics = ingestionTopics(pipeline.config.topicPrefix);
    const expected = Array.from({ length: UPLOADS }, (_, batch) => [
      `not json ${batch}`,
      JSON.stringify({ id: `bad${batch}`, name: 'Bad', age: 'many' }),
    ]).flat();
    const letters = await eventually(async () => {
      const found = (await readTopic(broker.brokers, topics.deadLetters)).map((message) =>
        decodeDeadLetter(message.value),
      );
      const payloads = new Set(
        found.map((letter) =>
          typeof letter?.payload === 'string' ? letter.payload : JSON.stringify(letter?.payload),
        ),
      );
      return payloads.size >= expected.length ? payloads : undefined;
    }, 'every bad record dead-lettered');
    // Identified by their payload: a retried upload may dead-letter its bad line again (at least once).
    expect([...letters].sort()).toEqual(expected.sort());
  }, 300_000);
});
