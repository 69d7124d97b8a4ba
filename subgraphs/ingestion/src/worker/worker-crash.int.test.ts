import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../../test/http-upload.js';
import {
  eventually,
  isolatedPipeline,
  type IsolatedPipeline,
} from '../../test/ingestion-harness.js';
import { silentLogger } from '../../test/silent-logger.js';
import { countMessages, readChanges } from '../../test/topic-reader.js';
import { startWorkerProcess, type WorkerProcess } from '../../test/worker-process.js';
import { ingestionTopics } from '../kafka/topics.js';
import { CleanupStack } from '../server/cleanup-stack.js';
import { createIngestionSubgraph } from '../server/create-ingestion-subgraph.js';
import { ReceiptStore } from '../receipts/receipt-store.js';
import { testModel } from '../../test/test-model.js';

const RECORDS = 20_000;

/**
 * A worker SIGKILLed while it writes a large stream (no shutdown code runs:
 * a transaction is cut off, offsets are not committed, events of committed
 * batches may not be published), then a new worker takes over. The graph
 * ends with every record once, the receipt counts each record once, and
 * every node's `created` event is on the changes topic (the outbox).
 */
describe('a worker killed mid-batch', () => {
  let pipeline: IsolatedPipeline;
  let url: string;
  const cleanup = new CleanupStack();
  const workers: WorkerProcess[] = [];

  const startWorker = () => {
    const worker = startWorkerProcess(pipeline);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    pipeline = await isolatedPipeline({
      MEMGATE_WORKER_BATCH_MAX: '500',
      // The killed worker's partitions move to the new one after this long.
      MEMGATE_WORKER_SESSION_TIMEOUT_MS: '6000',
    });
    cleanup.push(() => pipeline.dispose());
    const subgraph = await createIngestionSubgraph({ ...pipeline, logger: silentLogger() });
    cleanup.push(() => subgraph.stop());
    url = (await subgraph.start()).url;
  });

  afterAll(async () => {
    for (const worker of workers) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await cleanup.run();
  });

  const people = async () => {
    const [found] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) RETURN count(n) AS nodes, count(DISTINCT n.id) AS ids`,
      params: {},
    });
    return { nodes: Number(found?.get('nodes')), ids: Number(found?.get('ids')) };
  };

  it('loses and duplicates nothing when a new worker takes over', async () => {
    const first = startWorker();
    const body = Array.from(
      { length: RECORDS },
      (_, index) => `{"id":"w${index}","name":"Worker test ${index}","age":"${index % 90}"}\n`,
    );
    const response = await upload(url, '/ingest/contacts', body, {
      'content-type': 'application/x-ndjson',
    });
    expect(response).toMatchObject({ status: 202, body: { accepted: RECORDS, rejected: 0 } });
    const receiptId = String(response.body['receiptId']);

    // Well into the stream, with batches still to write: the kill lands in the middle of one.
    const atKill = await eventually(
      async () => {
        const counts = await people();
        return counts.nodes >= RECORDS / 5 ? counts : undefined;
      },
      'the first worker writing',
      90_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(atKill.nodes).toBeLessThan(RECORDS);

    startWorker();
    const receipts = new ReceiptStore(pipeline.graph, testModel(pipeline.suffix), {
      label: pipeline.config.receiptLabel,
      timeoutMs: 10_000,
    });
    const settled = await eventually(
      async () => {
        const receipt = await receipts.find(receiptId);
        return receipt && receipt.written + receipt.rejected >= RECORDS ? receipt : undefined;
      },
      'the second worker finishing',
      150_000,
    );

    expect(settled).toMatchObject({ accepted: RECORDS, written: RECORDS, rejected: 0, skipped: 0 });
    expect(await people()).toEqual({ nodes: RECORDS, ids: RECORDS });
    const topics = ingestionTopics(pipeline.config.topicPrefix);
    expect(await countMessages(pipeline.kafkaBrokers, topics.deadLetters)).toBe(0);
    // At least once: a batch committed before the kill has its events replayed from the outbox.
    const created = new Set(
      (await readChanges(pipeline.kafkaBrokers, topics.changes))
        .map(({ event }) => event)
        .filter((event) => event['kind'] === 'created')
        .map((event) => (event['key'] as { id: string }).id),
    );
    expect(created.size).toBe(RECORDS);
  }, 300_000);
});
