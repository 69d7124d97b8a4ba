import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogger, type CapturedLogger } from '../test/captureLogger.js';
import { closedPortUrl } from '../test/closedPortUrl.js';
import {
  composeSupergraph,
  productsSdl,
  reviewsSdlV1,
  reviewsSdlV2,
  startProducts,
  startReviews,
  type RunningSubgraph,
} from '../test/tinySubgraphs.js';
import { createGateway, type Gateway } from './createGateway.js';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function query(url: string, document: string): Promise<GraphQLBody> {
  return (await (await post(url, { query: document })).json()) as GraphQLBody;
}

const JOINED = '{ products { id name rating } }';

describe('createGateway over two subgraphs', () => {
  let products: RunningSubgraph;
  let reviews: RunningSubgraph;
  let dir: string;
  let supergraphPath: string;
  let log: CapturedLogger;
  let gateway: Gateway;
  let url: string;

  const supergraph = (reviewsSdl: string): string =>
    composeSupergraph([
      { name: 'products', url: products.url, sdl: productsSdl },
      { name: 'reviews', url: reviews.url, sdl: reviewsSdl },
    ]);

  beforeAll(async () => {
    [products, reviews] = await Promise.all([startProducts(), startReviews()]);
    dir = await mkdtemp(join(tmpdir(), 'memgate-gateway-'));
    supergraphPath = join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, supergraph(reviewsSdlV1));
    log = captureLogger();
    gateway = createGateway({
      config: { port: 0, environment: 'development', supergraphPath },
      logger: log.logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await Promise.all([products.stop(), reviews.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('joins an entity owned by one subgraph with a field of the other', async () => {
    expect(await query(url, JOINED)).toEqual({
      data: {
        products: [
          { id: 'p1', name: 'Lamp', rating: 4 },
          { id: 'p2', name: 'Desk', rating: 5 },
        ],
      },
    });
  });

  it('is live and ready once started', async () => {
    const health = await fetch(new URL('/healthz', url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(new URL('/readyz', url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { gateway: { ok: true } } });
  });

  it('echoes the caller’s request id and logs one line for the operation', async () => {
    const response = await post(
      url,
      { query: 'query Named { products { id } }', operationName: 'Named' },
      { 'x-request-id': 'req-42' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(log.lines().filter((line) => line['requestId'] === 'req-42')).toEqual([
      expect.objectContaining({
        msg: 'operation',
        operationName: 'Named',
        operationType: 'query',
        outcome: 'success',
        durationMs: expect.any(Number) as number,
      }),
    ]);
  });

  it('generates a request id when the caller sends none, or an unsafe one', async () => {
    const none = await post(url, { query: '{ __typename }' });
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await post(url, { query: '{ __typename }' }, { 'x-request-id': 'a b\tc' });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 413 with a JSON error for a body over the limit', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const response = await post(url, { query: '{ __typename }', variables: { padding } });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: expect.objectContaining({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining('1048576 bytes') as string,
      }) as object,
    });
  });

  it('blocks requests a browser could send cross-site without a preflight', async () => {
    const get = new URL(url);
    get.searchParams.set('query', '{ __typename }');
    const simpleGet = await fetch(get);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toContain('Cross-Site Request Forgery');

    const textPost = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(textPost.status).toBe(400);
    expect(await textPost.text()).toContain('Cross-Site Request Forgery');

    const preflighted = await fetch(get, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves Apollo Sandbox to browsers at / and at the endpoint', async () => {
    const root = await fetch(new URL('/', url), {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphql');

    const page = await fetch(new URL('/', url), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.url).toBe(url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('embeddable-sandbox');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(new URL('/nope', url));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such route.' },
    });
  });

  it('serves a new supergraph written to its file without a restart', async () => {
    const withCount = '{ products { id reviewCount } }';
    const before = await query(url, withCount);
    expect(before.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

    await writeFile(supergraphPath, supergraph(reviewsSdlV2));

    await vi.waitFor(
      async () => {
        expect(await query(url, withCount)).toEqual({
          data: {
            products: [
              { id: 'p1', reviewCount: 12 },
              { id: 'p2', reviewCount: 3 },
            ],
          },
        });
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('keeps serving the current supergraph when the file turns invalid', async () => {
    await writeFile(supergraphPath, 'this is not a supergraph');

    await vi.waitFor(
      () => {
        expect(log.lines().map((line) => line['msg'])).toContain(
          'new supergraph rejected; keeping the current one',
        );
      },
      { timeout: 10_000, interval: 100 },
    );
    expect((await query(url, JOINED)).data).toEqual({
      products: [
        { id: 'p1', name: 'Lamp', rating: 4 },
        { id: 'p2', name: 'Desk', rating: 5 },
      ],
    });
    expect((await fetch(new URL('/readyz', url))).status).toBe(200);
  });
});

describe('createGateway when a subgraph is down', () => {
  let products: RunningSubgraph;
  let reviews: RunningSubgraph;
  let log: CapturedLogger;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    [products, reviews] = await Promise.all([startProducts(), startReviews()]);
    // The supergraph records a URL nothing listens on; the override points at
    // the running reviews subgraph, which the test then stops.
    const supergraphSdl = composeSupergraph([
      { name: 'products', url: products.url, sdl: productsSdl },
      { name: 'reviews', url: await closedPortUrl(), sdl: reviewsSdlV1 },
    ]);
    gateway = createGateway({
      config: { port: 0 },
      supergraphSdl,
      subgraphUrls: { reviews: reviews.url },
      logger: (log = captureLogger()).logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await products.stop();
  });

  it('reaches a subgraph at its overridden URL', async () => {
    expect((await query(url, JOINED)).data).toEqual({
      products: [
        { id: 'p1', name: 'Lamp', rating: 4 },
        { id: 'p2', name: 'Desk', rating: 5 },
      ],
    });
  });

  it('returns the other subgraph’s data and a SUBGRAPH_UNAVAILABLE error naming the stopped one', async () => {
    await reviews.stop();

    const result = await query(url, JOINED);

    expect(result.data).toEqual({
      products: [
        { id: 'p1', name: 'Lamp', rating: null },
        { id: 'p2', name: 'Desk', rating: null },
      ],
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Subgraph "reviews" could not be reached.',
        extensions: expect.objectContaining({
          code: 'SUBGRAPH_UNAVAILABLE',
          subgraph: 'reviews',
          reason: 'unreachable',
        }) as object,
      }),
    ]);
    expect(log.lines().at(-1)).toMatchObject({
      msg: 'operation',
      outcome: 'partial',
      errorCodes: ['SUBGRAPH_UNAVAILABLE'],
    });
  });

  it('still answers queries that only need the running subgraph', async () => {
    expect(await query(url, '{ products { id name } }')).toEqual({
      data: {
        products: [
          { id: 'p1', name: 'Lamp' },
          { id: 'p2', name: 'Desk' },
        ],
      },
    });
  });
});

describe('createGateway in production', () => {
  let products: RunningSubgraph;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    products = await startProducts();
    gateway = createGateway({
      // Auth is on by default in production; this block is about error masking.
      config: {
        port: 0,
        environment: 'production',
        auth: 'off',
        internalIdentitySecret: 'production-test-secret-0123456789abc',
      },
      supergraphSdl: composeSupergraph([
        { name: 'products', url: products.url, sdl: productsSdl },
        { name: 'reviews', url: await closedPortUrl(), sdl: reviewsSdlV2 },
      ]),
      logger: captureLogger().logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await products.stop();
  });

  it('hides what an internal error says but keeps its code', async () => {
    const result = await query(url, '{ boom }');
    expect(result.data).toEqual({ boom: null });
    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['boom'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  });

  it('refuses introspection and serves no landing page', async () => {
    const introspection = await query(url, '{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

    const root = await fetch(new URL('/', url), { headers: { accept: 'text/html' } });
    expect(root.status).toBe(404);
    const endpoint = await fetch(url, { headers: { accept: 'text/html' } });
    expect(endpoint.headers.get('content-type')).not.toContain('text/html');
  });
});

describe('createGateway lifecycle', () => {
  let products: RunningSubgraph;
  let supergraphSdl: string;

  beforeAll(async () => {
    products = await startProducts();
    supergraphSdl = composeSupergraph([{ name: 'products', url: products.url, sdl: productsSdl }]);
  });

  afterAll(async () => {
    await products.stop();
  });

  it('is not ready before start(), and does not listen until then', async () => {
    const gateway = createGateway({
      config: { port: 0 },
      supergraphSdl,
      logger: captureLogger().logger,
    });
    expect(gateway.url).toBeUndefined();

    // The app alone, mounted by the test: the gateway itself is not listening.
    const probe = createServer(gateway.app);
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      checks: {
        supergraph: { ok: false, reason: 'no supergraph is loaded yet' },
        gateway: { ok: false, reason: 'the gateway has not started' },
      },
    });
    expect((await post(`${base}/graphql`, { query: '{ __typename }' })).status).toBe(503);
    await new Promise((resolve) => probe.close(resolve));

    await gateway.stop();
  });

  it('refuses to start on an invalid supergraph', async () => {
    const gateway = createGateway({
      config: { port: 0 },
      supergraphSdl: 'type Query { nope: String }',
      logger: captureLogger().logger,
    });
    await expect(gateway.start()).rejects.toThrow();
    expect(gateway.url).toBeUndefined();
  });

  it('stops listening on stop()', async () => {
    const gateway = createGateway({
      config: { port: 0 },
      supergraphSdl,
      logger: captureLogger().logger,
    });
    const { url } = await gateway.start();
    expect(gateway.url).toBe(url);
    expect((await fetch(new URL('/readyz', url))).status).toBe(200);

    await gateway.stop();

    await expect(fetch(new URL('/healthz', url))).rejects.toThrow('fetch failed');
  });
});
