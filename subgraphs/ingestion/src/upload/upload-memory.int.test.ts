import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedPipeline, type IsolatedPipeline } from '../../test/ingestion-harness.js';
import { upload } from '../../test/http-upload.js';
import { silentLogger } from '../../test/silent-logger.js';
import { countRawRecords } from '../../test/topic-reader.js';
import { ingestionTopics } from '../kafka/topics.js';
import {
  createIngestionSubgraph,
  type IngestionSubgraph,
} from '../server/create-ingestion-subgraph.js';

const MB = 1024 * 1024;
const BODY_BYTES = 50 * MB;
const RECORD_BYTES = 1024;

/** A collection on demand: only what is still referenced counts, not garbage waiting for the collector. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * A 50 MB body streamed through the ingestion subgraph into Kafka, never
 * materialised on either side: the body is generated as it is sent, and
 * the heap still referenced after a collection is measured every 5 MB. If
 * the service held the body (or let records pile up ahead of Kafka) it
 * would grow with it.
 */
describe('a large upload', () => {
  let pipeline: IsolatedPipeline;
  let subgraph: IngestionSubgraph;
  let url: string;

  beforeAll(async () => {
    pipeline = await isolatedPipeline({ MEMGATE_INGEST_MAX_BODY_BYTES: String(2 * BODY_BYTES) });
    subgraph = await createIngestionSubgraph({ ...pipeline, logger: silentLogger() });
    url = (await subgraph.start()).url;
  });

  afterAll(async () => {
    await subgraph.stop();
    await pipeline.dispose();
  });

  it('streams to Kafka in bounded memory: retained heap grows far less than the body', async () => {
    const gc = collectGarbage();
    const records = BODY_BYTES / RECORD_BYTES;
    const filler = 'x'.repeat(RECORD_BYTES);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const retained: number[] = [];
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    function* body(): Generator<string> {
      for (let index = 0; index < records; index += 1) {
        if (index % ((5 * MB) / RECORD_BYTES) === 0) {
          gc();
          retained.push(process.memoryUsage().heapUsed - baseline);
        }
        const start = `{"id":"m${index}","name":"`;
        yield `${start}${filler.slice(0, RECORD_BYTES - start.length - 3)}"}\n`;
      }
    }
    const response = await upload(url, '/ingest/contacts', body(), {
      'content-type': 'application/x-ndjson',
    });
    clearInterval(sampler);
    gc();
    const after = process.memoryUsage().heapUsed - baseline;

    expect(response).toMatchObject({ status: 202, body: { accepted: records, rejected: 0 } });
    const topic = ingestionTopics(pipeline.config.topicPrefix).raw('contacts');
    expect(await countRawRecords(pipeline.kafkaBrokers, topic)).toBe(records);
    const worst = Math.max(...retained, after);
    console.log(
      `50 MB upload: retained heap growth ≤ ${(worst / MB).toFixed(1)} MB (samples ${retained
        .map((bytes) => (bytes / MB).toFixed(1))
        .join(
          ', ',
        )} MB), peak heap growth before collections ${((peak - baseline) / MB).toFixed(1)} MB`,
    );
    expect(retained).toHaveLength(10);
    expect(worst).toBeLessThan(BODY_BYTES / 5);
  }, 180_000);
});
