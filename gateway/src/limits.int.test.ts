import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { graphql, outcome, send } from '../test/http.js';
import {
  composeSupergraph,
  productsSdl,
  reviewsSdlV2,
  startProducts,
  startReviews,
  type RunningSubgraph,
} from '../test/tinySubgraphs.js';
import { createGateway, type Gateway } from './createGateway.js';
import type { GatewayConfig } from './config.js';

/** Every limit, each at a small value, on a gateway of its own. */
let products: RunningSubgraph;
let reviews: RunningSubgraph;
let supergraphSdl: string;
const gateways: Gateway[] = [];

beforeAll(async () => {
  [products, reviews] = await Promise.all([startProducts(), startReviews()]);
  supergraphSdl = composeSupergraph([
    { name: 'products', url: products.url, sdl: productsSdl },
    { name: 'reviews', url: reviews.url, sdl: reviewsSdlV2 },
  ]);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all([products.stop(), reviews.stop()]);
});

async function gatewayWith(config: Partial<GatewayConfig>): Promise<string> {
  const gateway = createGateway({
    config: { port: 0, rateLimitPerSecond: 0, ...config },
    supergraphSdl,
    logger: captureLogger().logger,
  });
  gateways.push(gateway);
  return (await gateway.start()).url;
}

describe('document limits over HTTP', () => {
  let url: string;
  beforeAll(async () => {
    url = await gatewayWith({ maxDepth: 2, maxAliases: 2, maxDirectives: 2, maxTokens: 40 });
  });

  it.each([
    // An inline fragment is a level of its own for graphql-armor.
    ['depth', '{ products { id } }', '{ products { ... on Product { id } } }'],
    ['aliases', '{ a: products { b: id } }', '{ a: products { b: id c: name } }'],
    [
      'directives',
      '{ products { id @skip(if: false) name @include(if: true) } }',
      '{ products { id @skip(if: false) name @include(if: true) rating @skip(if: false) } }',
    ],
  ])(
    '%s: within the limit runs, over it is a 400 validation error',
    async (_limit, within, over) => {
      expect(outcome(await graphql(url, within))).toBe('ok');
      const refused = await graphql(url, over);
      expect(refused.status).toBe(400);
      expect(outcome(refused)).toBe('GRAPHQL_VALIDATION_FAILED');
    },
  );

  it('tokens: stops parsing a document over the token limit', async () => {
    const answer = await graphql(
      url,
      `{ ${Array.from({ length: 30 }, (_, i) => `f${i}: __typename`).join(' ')} }`,
    );
    expect(answer.status).toBe(400);
    expect(outcome(answer)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('body size: answers 413 past MEMGATE_MAX_BODY_BYTES', async () => {
    const small = await gatewayWith({ maxBodyBytes: 200 });
    const answer = await fetch(small, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ products { id } }',
        variables: { padding: 'x'.repeat(300) },
      }),
    });
    expect(answer.status).toBe(413);
  });
});

describe('cost over HTTP', () => {
  it('refuses an operation whose estimated cost is over the limit, saying by how much', async () => {
    const url = await gatewayWith({ maxCost: 2, maxAliases: 10 });
    expect(outcome(await graphql(url, '{ a: products { id } b: products { id } }'))).toBe('ok');
    const answer = await graphql(
      url,
      '{ a: products { id } b: products { id } c: products { id } }',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({
      message:
        "The operation's estimated cost of 3 is over the limit of 2; bound its lists with first/limit.",
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: 3, maxCost: 2 },
    });
  });
});

describe('batching over HTTP', () => {
  it('runs batches up to the limit and refuses larger ones before parsing them', async () => {
    const url = await gatewayWith({ maxBatchSize: 2 });
    const operation = { query: '{ products { id } }' };
    const two = await send(url, [operation, operation]);
    expect(two.status).toBe(200);
    expect(two.body).toHaveLength(2);
    const three = await send(url, [operation, operation, operation]);
    expect(three.status).toBe(400);
    expect(three.body.errors?.[0]).toMatchObject({
      message: 'A batch may hold at most 2 operations; this one holds 3.',
      extensions: { code: 'BAD_REQUEST', maxBatchSize: 2 },
    });
  });

  it('refuses every batch when batching is off', async () => {
    const url = await gatewayWith({ maxBatchSize: 0 });
    const answer = await send(url, [{ query: '{ products { id } }' }]);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toBe(
      'Batched requests are not accepted; send one operation per request.',
    );
  });
});

describe('rate limiting over HTTP', () => {
  it('answers 429 with Retry-After and RATE_LIMITED past a client’s burst', async () => {
    const url = await gatewayWith({ rateLimitPerSecond: 1, rateLimitBurst: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await graphql(url, '{ products { id } }')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await graphql(url, '{ products { id } }');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.errors?.[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
    });
  });

  it('counts every operation of a batch', async () => {
    const url = await gatewayWith({ rateLimitPerSecond: 1, rateLimitBurst: 3 });
    const operation = { query: '{ products { id } }' };
    expect((await send(url, [operation, operation])).status).toBe(200);
    expect((await send(url, [operation, operation])).status).toBe(429);
  });
});
