import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExposition, sampleValue, type Sample } from '@memgate/platform/metrics';
import {
  createTracing,
  InMemorySpanExporter,
  renderTraceTree,
  type Tracing,
} from '@memgate/platform/tracing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { closedPortUrl } from '../test/closedPortUrl.js';
import { graphql, send } from '../test/http.js';
import { serveSubgraph } from '../test/servedSubgraph.js';
import { GRAPH_SDL, startTinyGraph, type TinyGraph } from '../test/tinyGraph.js';
import {
  composeSupergraph,
  productsSchema,
  productsSdl,
  reviewsSchema,
  reviewsSdlV2,
  type RunningSubgraph,
} from '../test/tinySubgraphs.js';
import { connect } from '../test/wsClient.js';
import { createGateway, type Gateway } from './createGateway.js';

/**
 * What an operator sees of the gateway: a real scrape of `/metrics` after
 * real operations, and the trace of one request from the gateway into both
 * subgraphs, each service with its own tracer as in production.
 */
async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(new URL('/metrics', url));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
}

const operations = (samples: readonly Sample[], labels: Record<string, string>): number =>
  sampleValue(samples, 'memgate_graphql_operations_total', labels) ?? 0;

describe('trace context when the gateway exports no spans', () => {
  const log = captureLogger('info');
  let products: RunningSubgraph;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    products = await serveSubgraph('products', productsSchema());
    // No `tracing`: the gateway's own, from a configuration that exports
    // nothing, so it runs without an async context and hands the trace on
    // explicitly. (No test before this one installs a context manager.)
    gateway = createGateway({
      config: { port: 0, rateLimitPerSecond: 0 },
      supergraphSdl: composeSupergraph([{ name: 'products', url: products.url, sdl: productsSdl }]),
      logger: log.logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await products.stop();
  });

  it('still continues the caller’s trace into the subgraph, and logs the operation on it', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const response = await send(
      url,
      { query: 'query Traced { products { id } }' },
      { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01`, 'x-request-id': 'req-t' } },
    );
    expect(response.body.errors).toBeUndefined();
    const [forwarded] = products.requests;
    expect(forwarded?.['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(forwarded?.['x-request-id']).toBe('req-t');
    expect(log.lines().filter((line) => line['requestId'] === 'req-t')).toEqual([
      expect.objectContaining({ msg: 'operation', trace_id: traceId }),
    ]);
  });
});

describe('metrics and traces of federated operations', () => {
  const spans = new InMemorySpanExporter();
  const tracingOf = (service: string): Tracing =>
    createTracing({ service, spanExporter: spans, registerGlobal: false });
  let products: RunningSubgraph;
  let reviews: RunningSubgraph;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    [products, reviews] = await Promise.all([
      serveSubgraph('products', productsSchema(), { tracer: tracingOf('products').tracer }),
      serveSubgraph('reviews', reviewsSchema(), { tracer: tracingOf('reviews').tracer }),
    ]);
    gateway = createGateway({
      config: { port: 0, rateLimitPerSecond: 0 },
      supergraphSdl: composeSupergraph([
        { name: 'products', url: products.url, sdl: productsSdl },
        { name: 'reviews', url: reviews.url, sdl: reviewsSdlV2 },
      ]),
      tracing: tracingOf('gateway'),
      logger: captureLogger('error').logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await Promise.all([products.stop(), reviews.stop()]);
  });

  it('counts each operation by name, type and outcome, and times subgraph fetches', async () => {
    const before = await scrape(url);
    const joined = 'query Joined { products { id name rating } }';
    expect((await graphql(url, joined)).body.errors).toBeUndefined();
    await graphql(url, 'query Partial { products { id } boom }');
    await graphql(url, 'query Invalid { products { nope } }');
    await graphql(url, 'mutation Rate { addReview(productId: "p1", rating: 3) { id rating } }');

    const after = await scrape(url);
    const delta = (labels: Record<string, string>): number =>
      operations(after, labels) - operations(before, labels);
    expect(delta({ operation: 'Joined', type: 'query', outcome: 'success' })).toBe(1);
    expect(delta({ operation: 'Partial', type: 'query', outcome: 'partial' })).toBe(1);
    expect(delta({ operation: 'Invalid', outcome: 'rejected' })).toBe(1);
    expect(delta({ operation: 'Rate', type: 'mutation', outcome: 'success' })).toBe(1);
    expect(
      sampleValue(after, 'memgate_graphql_operation_duration_seconds_count', {
        operation: 'Joined',
        outcome: 'success',
      }),
    ).toBe(1);
    for (const subgraph of ['products', 'reviews']) {
      expect(
        sampleValue(after, 'memgate_subgraph_fetch_duration_seconds_count', {
          subgraph,
          outcome: 'success',
        }),
      ).toBeGreaterThanOrEqual(2);
    }
    // Every series says which service it is from, and the process figures are there.
    expect(after.every((sample) => sample.labels['service'] === 'gateway')).toBe(true);
    expect(after.some((sample) => sample.name === 'process_resident_memory_bytes')).toBe(true);
  });

  it('counts requests refused before any operation ran as rejected', async () => {
    const before = await scrape(url);
    const tooLarge = await send(url, {
      query: 'query Huge { __typename }',
      operationName: 'Huge',
      variables: { padding: 'x'.repeat(1024 * 1024) },
    });
    expect(tooLarge.status).toBe(413);
    const tooLong = await graphql(url, `query Long { ${'__typename '.repeat(6000)} }`);
    expect(tooLong.body.errors).toHaveLength(1);
    const after = await scrape(url);
    const rejected = (name: string): number =>
      operations(after, { operation: name, outcome: 'rejected' }) -
      operations(before, { operation: name, outcome: 'rejected' });
    // A body over the limit is never parsed: nothing tells its name.
    expect(rejected('anonymous')).toBe(1);
    expect(rejected('Long')).toBe(1);
  });

  it('keeps operation names a bounded label set', async () => {
    for (let index = 0; index < 120; index += 1) {
      await graphql(url, `query Client${index} { __typename }`);
    }
    const names = new Set(
      (await scrape(url))
        .filter((sample) => sample.name === 'memgate_graphql_operations_total')
        .map((sample) => sample.labels['operation']),
    );
    expect(names).toContain('other');
    names.delete('other');
    names.delete('anonymous');
    expect(names.size).toBeLessThanOrEqual(100);
  });

  it('continues the caller’s trace into every subgraph it calls', async () => {
    spans.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await send(
      url,
      { query: 'query Traced { products { id name rating } }' },
      { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } },
    );
    expect(response.body.errors).toBeUndefined();
    await vi.waitFor(() => expect(spans.getFinishedSpans().length).toBeGreaterThanOrEqual(5));
    const finished = spans.getFinishedSpans();
    expect(new Set(finished.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
    expect(renderTraceTree(finished)).toBe(
      [
        'gateway: POST /graphql',
        '  gateway: subgraph products',
        '    products: POST /graphql',
        '  gateway: subgraph reviews',
        '    reviews: POST /graphql',
      ].join('\n'),
    );
    // The parent the subgraph saw on the wire is the gateway's client span.
    const fetch = finished.find((span) => span.name === 'subgraph products');
    const served = finished.find((span) => span.resource.attributes['service.name'] === 'products');
    expect(served?.parentSpanContext?.spanId).toBe(fetch?.spanContext().spanId);
  });

  it('serves /metrics, /healthz and /readyz next to the GraphQL endpoint', async () => {
    const ready = await fetch(new URL('/readyz', url));
    expect(await ready.json()).toEqual({
      status: 'ok',
      ready: true,
      checks: { supergraph: { ok: true }, gateway: { ok: true } },
    });
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
  });
});

describe('subscriptions and the broker, as operators see them', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  let graph: TinyGraph;
  let dir: string;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    graph = await startTinyGraph();
    dir = await mkdtemp(join(tmpdir(), 'memgate-observability-'));
    const graphSchemaPath = join(dir, 'graph.graphql');
    await writeFile(graphSchemaPath, GRAPH_SDL);
    gateway = createGateway({
      config: {
        port: 0,
        graphSchemaPath,
        topicPrefix: `gw-obs-${suffix}.`,
        subscriptionGroupPrefix: `gw-obs-${suffix}`,
      },
      kafkaBrokers: inject('kafkaBrokers'),
      supergraphSdl: graph.supergraphSdl,
      logger: captureLogger('error').logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await graph.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports active subscriptions as a gauge, and counts subscriptions started and refused', async () => {
    const gauge = async (): Promise<number | undefined> =>
      sampleValue(await scrape(url), 'memgate_graphql_active_subscriptions');
    const client = connect(url);
    const first = client.subscribe('subscription Watch { graphChanged { key } }');
    const second = client.subscribe(
      'subscription Watch { graphChanged(types: ["Topic"]) { key } }',
    );
    const refused = client.subscribe('subscription Broken { graphChanged { nope } }');
    await refused.completed;
    await vi.waitFor(async () => expect(await gauge()).toBe(2));
    first.dispose();
    second.dispose();
    await vi.waitFor(async () => expect(await gauge()).toBe(0));
    await client.close();
    const samples = await scrape(url);
    expect(
      operations(samples, { operation: 'Watch', type: 'subscription', outcome: 'success' }),
    ).toBe(2);
    expect(operations(samples, { operation: 'Broken', outcome: 'rejected' })).toBe(1);
  });

  it('is ready only while the broker of the change feed answers', async () => {
    const ready = await fetch(new URL('/readyz', url));
    expect(await ready.json()).toMatchObject({ ready: true, checks: { broker: { ok: true } } });

    const noBroker = new URL(await closedPortUrl()).host;
    const unready = (readyRequiresBroker: boolean): Gateway =>
      createGateway({
        config: { port: 0, readyRequiresBroker },
        kafkaBrokers: [noBroker],
        supergraphSdl: graph.supergraphSdl,
        logger: captureLogger('fatal').logger,
      });
    for (const [required, status] of [
      [true, 503],
      [false, 200],
    ] as const) {
      const other = unready(required);
      try {
        const { url: otherUrl } = await other.start();
        const answer = await fetch(new URL('/readyz', otherUrl));
        expect(answer.status).toBe(status);
        if (required) {
          expect(await answer.json()).toMatchObject({ checks: { broker: { ok: false } } });
        }
      } finally {
        await other.stop();
      }
    }
  });
});
