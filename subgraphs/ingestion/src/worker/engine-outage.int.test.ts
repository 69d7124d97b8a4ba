import { setTimeout as sleep } from 'node:timers/promises';
import { parseExposition, sampleValue } from '@memgate/platform/metrics';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../test/ingestion-harness.js';
import {
  runningPipeline,
  type ReceiptView,
  type RunningPipeline,
} from '../../test/running-pipeline.js';
import { startTcpProxy, type TcpProxy } from '../../test/tcp-proxy.js';
import { countMessages } from '../../test/topic-reader.js';

const UPSERT = /* GraphQL */ `
  mutation ($input: [PersonInput!]!) {
    upsertPeople(input: $input) {
      id
      status
      accepted
      written
      rejected
      skipped
      errors {
        reason
      }
    }
  }
`;
const OUTAGE_MS = 10_000;

/** The worker's circuit breaker gauge: 0 closed, 1 half-open, 2 open. */
async function circuitGauge(workerUrl: string): Promise<number | undefined> {
  const samples = parseExposition(await (await fetch(`${workerUrl}/metrics`)).text());
  return sampleValue(samples, 'memgate_circuit_breaker_state', { breaker: 'engine' });
}

/**
 * The worker's engine made unreachable for ten seconds mid-stream, through
 * a TCP proxy the test cuts: the circuit opens, consumption pauses, the
 * engine is probed on a growing interval (no busy loop), and when it
 * answers again everything queued meanwhile is written exactly once.
 */
describe('an engine outage mid-stream', () => {
  let proxy: TcpProxy;
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    const engine = new URL(inject('boltUri'));
    proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port) });
    pipeline = await runningPipeline(
      {
        MEMGATE_WORKER_BATCH_MAX: '20',
        MEMGATE_MAX_RECORDS_PER_REQUEST: '50',
        MEMGATE_WORKER_ENGINE_RETRY_MS: '500',
        MEMGATE_WORKER_BACKOFF_INITIAL_MS: '50',
        MEMGATE_WORKER_BACKOFF_MAX_MS: '500',
        MEMGATE_BREAKER_FAILURES: '2',
        MEMGATE_BREAKER_PROBE_INITIAL_MS: '250',
        MEMGATE_BREAKER_PROBE_MAX_MS: '2000',
        MEMGATE_WRITE_TIMEOUT_MS: '5000',
      },
      { workerEngine: (direct) => ({ ...direct, uri: `bolt://127.0.0.1:${String(proxy.port)}` }) },
    );
  }, 180_000);

  afterAll(async () => {
    await pipeline.stop();
    await proxy.close();
  });

  const people = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => ({
      id: `${prefix}${index}`,
      name: `${prefix} ${index}`,
    }));

  it('pauses while the engine is down, probes without spinning, and writes everything exactly once after', async () => {
    const before = await pipeline.accept(UPSERT, { input: people('a', 20) });
    expect(await pipeline.settled(before.id)).toMatchObject({ status: 'COMPLETED', written: 20 });

    await proxy.close();
    const outageStarted = Date.now();
    const during: ReceiptView[] = [];
    for (const prefix of ['b', 'c', 'd'])
      during.push(await pipeline.accept(UPSERT, { input: people(prefix, 30) }));
    // Between nodes written before the outage: a node upserted meanwhile sits on another
    // partition, which may well be written after the connect.
    during.push(
      await pipeline.accept(/* GraphQL */ `
        mutation {
          connectPersonKnows(
            input: [
              { from: { id: "a0" }, to: { id: "a3" } }
              { from: { id: "a1" }, to: { id: "a2" } }
            ]
          ) {
            id
            status
            accepted
            written
            rejected
            skipped
            errors {
              reason
            }
          }
        }
      `),
    );
    await eventually(
      () => Promise.resolve(pipeline.worker.engineCircuit.state === 'open' ? true : undefined),
      'the circuit to open',
      OUTAGE_MS,
    );
    const opened = Date.now() - outageStarted;
    // Operators see it: /readyz says why the worker is out, the gauge says open (2).
    const unready = await fetch(`${pipeline.workerUrl}/readyz`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toMatchObject({
      ready: false,
      checks: {
        circuit: { ok: false, reason: expect.stringContaining('the engine circuit is open') },
        engine: { ok: false },
      },
    });
    expect(await circuitGauge(pipeline.workerUrl)).toBe(2);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStarted)));
    const down = pipeline.worker.engineCircuit;
    for (const receipt of during) {
      expect(await pipeline.receipt(receipt.id)).toMatchObject({ status: 'ACCEPTED', written: 0 });
    }

    await proxy.open();
    const settled = await Promise.all(during.map((receipt) => pipeline.settled(receipt.id)));
    const recovered = pipeline.worker.engineCircuit;

    // No busy loop: probes on a growing interval (250 ms doubling to 2 s) over ~10 s.
    expect(opened).toBeLessThan(OUTAGE_MS);
    expect(down).toMatchObject({ state: 'open', opened: 1 });
    expect(down.probes).toBeGreaterThanOrEqual(3);
    expect(down.probes).toBeLessThanOrEqual(10);
    expect(recovered.state).not.toBe('open');
    expect((await fetch(`${pipeline.workerUrl}/readyz`)).status).toBe(200);
    expect(await circuitGauge(pipeline.workerUrl)).toBeLessThan(2);

    // Exact counts: every accepted record written once, nothing rejected or dead-lettered.
    expect(
      settled.map((receipt) => [
        receipt.status,
        receipt.accepted,
        receipt.written,
        receipt.rejected,
      ]),
    ).toEqual([
      ['COMPLETED', 30, 30, 0],
      ['COMPLETED', 30, 30, 0],
      ['COMPLETED', 30, 30, 0],
      ['COMPLETED', 2, 2, 0],
    ]);
    const [counts] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) RETURN count(n) AS nodes, count(DISTINCT n.id) AS ids`,
      params: {},
    });
    expect(counts?.toObject()).toEqual({ nodes: neo4j.int(110), ids: neo4j.int(110) });
    const [knows] = await pipeline.graph.read({
      text: `MATCH (:\`Person${pipeline.suffix}\`)-[r:KNOWS]->() RETURN count(r) AS n`,
      params: {},
    });
    expect(knows?.get('n')).toEqual(neo4j.int(2));
    expect(await countMessages(pipeline.kafkaBrokers, pipeline.topics.deadLetters)).toBe(0);
  });
});
