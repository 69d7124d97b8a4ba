import { parseExposition, sampleValue, type Sample } from '@memgate/platform/metrics';
import {
  createTracing,
  InMemorySpanExporter,
  injectHttpHeaders,
  renderTraceTree,
  type ReadableSpan,
} from '@memgate/platform/tracing';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  eventually,
  isolatedPipeline,
  postGraphQL,
  type IsolatedPipeline,
} from '../../test/ingestion-harness.js';
import { silentLogger } from '../../test/silent-logger.js';
import { keyPartitioner } from '../kafka/key-partitioner.js';
import { ingestionTopics, type IngestionTopics } from '../kafka/topics.js';
import { entityMessageKey } from '../model/entity-key.js';
import { ingestionNames } from '../schema-generation/names.js';
import { CleanupStack } from './cleanup-stack.js';
import { createIngestionSubgraph } from './create-ingestion-subgraph.js';
import { createIngestionWorker } from './create-ingestion-worker.js';

/**
 * What an operator sees of the ingestion pipeline on the real broker and
 * engine: each service's /metrics after a real ingestion, both /readyz, and
 * one trace from the gateway's call into the subgraph, through Kafka, into
 * the worker's Cypher writes, each service with its own tracer as in
 * production.
 */
const UPSERT = /* GraphQL */ `
  mutation Upsert($input: [PersonInput!]!) {
    upsertPeople(input: $input) {
      id
    }
  }
`;
const RECEIPT = 'query ($id: ID!) { ingestionReceipt(id: $id) { status written } }';

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
}

async function readiness(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the ingestion pipeline as an operator sees it', () => {
  const spans = new InMemorySpanExporter();
  const tracingOf = (service: string) =>
    createTracing({ service, spanExporter: spans, registerGlobal: false });
  const gateway = tracingOf('gateway');
  const cleanup = new CleanupStack();
  let pipeline: IsolatedPipeline;
  let topics: IngestionTopics;
  let subgraphUrl: string;
  let workerUrl: string;
  let receiptId: string;
  let traceId: string;

  beforeAll(async () => {
    pipeline = await isolatedPipeline();
    cleanup.push(() => pipeline.dispose());
    topics = ingestionTopics(pipeline.config.topicPrefix);
    const logger = silentLogger();
    const subgraph = await createIngestionSubgraph({
      ...pipeline,
      logger,
      tracing: tracingOf('ingestion'),
    });
    cleanup.push(() => subgraph.stop());
    subgraphUrl = (await subgraph.start()).url;
    const worker = await createIngestionWorker({
      ...pipeline,
      logger,
      tracing: tracingOf('worker'),
    });
    cleanup.push(() => worker.stop());
    workerUrl = (await worker.start()).url;

    // The gateway's side of the call: a client span whose context goes out in the headers.
    const call = gateway.tracer.startSpan('subgraph ingestion', { kind: SpanKind.CLIENT });
    traceId = call.spanContext().traceId;
    const headers = context.with(trace.setSpan(context.active(), call), () =>
      injectHttpHeaders({ 'content-type': 'application/json' }),
    );
    const response = await fetch(`${subgraphUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: UPSERT,
        variables: { input: [{ id: `obs${pipeline.suffix}`, name: 'Traced' }] },
      }),
    });
    call.end();
    const answer = (await response.json()) as { data?: { upsertPeople: { id: string } } };
    expect(answer.data?.upsertPeople.id).toBeTypeOf('string');
    receiptId = answer.data?.upsertPeople.id ?? '';
    await eventually(async () => {
      const result = await postGraphQL(subgraphUrl, RECEIPT, { id: receiptId });
      const receipt = result.data?.['ingestionReceipt'] as { status: string } | undefined;
      return receipt?.status === 'COMPLETED' ? receipt : undefined;
    }, 'the receipt to complete');
  }, 120_000);

  afterAll(async () => {
    await cleanup.run();
    await gateway.shutdown();
  });

  it('counts the subgraph’s GraphQL operations, produced messages and Cypher statements', async () => {
    const samples = await scrape(subgraphUrl);
    expect(samples.every((sample) => sample.labels['service'] === 'ingestion')).toBe(true);
    expect(
      sampleValue(samples, 'memgate_graphql_operations_total', {
        operation: 'Upsert',
        type: 'mutation',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'memgate_kafka_messages_produced_total', {
        topic: topics.graphOps,
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'memgate_cypher_query_duration_seconds_count', {
        kind: 'openReceipt',
        mode: 'write',
        outcome: 'success',
      }),
    ).toBe(1);
  });

  it('counts the worker’s consumed batches, Cypher writes, changes and circuit state', async () => {
    const group = pipeline.config.workerGroupId;
    const samples = await scrape(workerUrl);
    expect(samples.every((sample) => sample.labels['service'] === 'worker')).toBe(true);
    expect(
      sampleValue(samples, 'memgate_kafka_messages_consumed_total', {
        topic: topics.graphOps,
        group,
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'memgate_kafka_batch_size_messages_count', {
        topic: topics.graphOps,
        group,
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'memgate_ingestion_records_total', {
        topic: topics.graphOps,
        group,
        outcome: 'written',
      }),
    ).toBe(1);
    for (const kind of ['claimOffset', 'upsertNodes', 'receiptProgress', 'storeOffset']) {
      expect(
        sampleValue(samples, 'memgate_cypher_query_duration_seconds_count', {
          kind,
          mode: 'write',
          outcome: 'success',
        }),
      ).toBe(1);
    }
    // The node's `created` and the receipt's progress, once the batch committed: in one frame
    // per partition their keys map to (ADR 0013), so one message or two.
    const partitionOf = keyPartitioner(pipeline.config.partitions);
    const eventKeys = [
      entityMessageKey('Person', [`obs${pipeline.suffix}`]),
      `${ingestionNames.receiptType}:${receiptId}`,
    ];
    expect(
      sampleValue(samples, 'memgate_kafka_messages_produced_total', {
        topic: topics.changes,
        outcome: 'success',
      }),
    ).toBe(new Set(eventKeys.map(partitionOf)).size);
    expect(sampleValue(samples, 'memgate_circuit_breaker_state', { breaker: 'engine' })).toBe(0);
    // The lag poller read the group's partitions at start-up.
    expect(
      sampleValue(samples, 'memgate_kafka_consumer_lag_messages', {
        topic: topics.graphOps,
        group,
      }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('follows one trace from the gateway’s call through Kafka into the worker’s Cypher writes', async () => {
    const traced = (): ReadableSpan[] =>
      spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    // The change events go out after the commit; their send ends last.
    await vi.waitFor(() =>
      expect(traced().some((span) => span.name === `send ${topics.changes}`)).toBe(true),
    );
    expect(renderTraceTree(traced())).toBe(
      [
        'gateway: subgraph ingestion',
        '  ingestion: POST /graphql',
        `    ingestion: send ${topics.graphOps}`,
        `      worker: process ${topics.graphOps}`,
        '        worker: cypher write claimOffset',
        '        worker: cypher write upsertNodes',
        '        worker: cypher write receiptProgress',
        '        worker: cypher write storeOffset',
        `        worker: send ${topics.changes}`,
        // The receipt opens once its records are durably queued.
        '    ingestion: cypher write openReceipt',
      ].join('\n'),
    );
    const upsert = traced().find((span) => span.name === 'cypher write upsertNodes');
    expect(upsert?.attributes).toMatchObject({
      'db.system': 'memgraph',
      'db.operation.name': 'upsertNodes',
    });
    expect(upsert?.attributes).not.toHaveProperty('db.query.text');
  });

  it('is ready, both services, and says what it checked', async () => {
    expect(await readiness(subgraphUrl)).toEqual({
      status: 200,
      body: {
        status: 'ok',
        ready: true,
        checks: { engine: { ok: true }, broker: { ok: true } },
      },
    });
    expect(await readiness(workerUrl)).toEqual({
      status: 200,
      body: {
        status: 'ok',
        ready: true,
        checks: {
          engine: { ok: true },
          broker: { ok: true },
          [`consumer:${pipeline.config.workerGroupId}`]: { ok: true },
          circuit: { ok: true },
        },
      },
    });
    for (const url of [subgraphUrl, workerUrl]) {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    }
  });
});
