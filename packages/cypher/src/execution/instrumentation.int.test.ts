import { randomUUID } from 'node:crypto';
import {
  createServiceMetrics,
  parseExposition,
  readEngineStats,
  sampleValue,
} from '@memgate/platform/metrics';
import { createTracing, InMemorySpanExporter } from '@memgate/platform/tracing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphClient } from './graph-client.js';

const exporter = new InMemorySpanExporter();
const tracing = createTracing({ service: 'query', spanExporter: exporter, registerGlobal: false });
const metrics = createServiceMetrics({ service: 'query', defaultMetrics: false });
const label = `Instrumented_${randomUUID().replaceAll('-', '')}`;
let client: GraphClient;

beforeAll(async () => {
  client = await GraphClient.connect(
    { uri: inject('boltUri'), user: inject('boltUser'), password: inject('boltPassword') },
    { timeoutMs: 10_000, instrumentation: { tracer: tracing.tracer, metrics: metrics.cypher } },
  );
});

afterAll(async () => {
  await client.write({ text: `MATCH (n:\`${label}\`) DETACH DELETE n`, params: {} });
  await client.close();
  await tracing.shutdown();
});

describe('GraphClient instrumentation on the real engine', () => {
  it('puts each statement in a span and its latency and rows in metrics, by kind', async () => {
    await client.write(
      { text: `UNWIND range(1, 3) AS i CREATE (:\`${label}\` {i: i})`, params: {} },
      { kind: 'upsertNodes' },
    );
    await client.read(
      { text: `MATCH (n:\`${label}\`) RETURN n.i AS i`, params: {} },
      { kind: 'list' },
    );
    const spans = exporter.getFinishedSpans().map((span) => [span.name, span.attributes]);
    expect(spans).toEqual([
      ['cypher write upsertNodes', expect.objectContaining({ 'db.system': 'memgraph' })],
      [
        'cypher read list',
        expect.objectContaining({ 'db.operation.name': 'list', 'db.response.returned_rows': 3 }),
      ],
    ]);
    const samples = parseExposition(await metrics.registry.metrics());
    expect(
      sampleValue(samples, 'memgate_cypher_query_duration_seconds_count', {
        kind: 'list',
        mode: 'read',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(sampleValue(samples, 'memgate_cypher_result_rows_sum', { kind: 'list' })).toBe(3);
  });

  it('polls the engine memory and storage figures', async () => {
    const stats = await readEngineStats(client.engine, (text) => client.readAutoCommit(text));
    expect(stats.nodes).toBeGreaterThanOrEqual(3);
    expect(stats.memoryResidentBytes).toBeGreaterThan(0);
    expect(stats.memoryLimitBytes).toBeGreaterThan(stats.memoryResidentBytes ?? 0);
    metrics.engine.record(client.engine, stats);
    const samples = parseExposition(await metrics.registry.metrics());
    expect(
      sampleValue(samples, 'memgate_engine_memory_resident_bytes', { engine: client.engine }),
    ).toBe(stats.memoryResidentBytes);
  });
});
