import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { closedPortUrl } from '../test/closedPortUrl.js';
import { graphql, outcome } from '../test/http.js';
import {
  composeSupergraph,
  productsSdl,
  reviewsSdlV2,
  startProducts,
  type RunningSubgraph,
} from '../test/tinySubgraphs.js';
import { createGateway, type Gateway } from './createGateway.js';
import type { GatewayConfig } from './config.js';

/** The GraphQL-over-HTTP behaviour clients rely on: methods, media types, status codes, CORS. */
let products: RunningSubgraph;
let supergraphSdl: string;
const gateways: Gateway[] = [];

beforeAll(async () => {
  products = await startProducts();
  supergraphSdl = composeSupergraph([
    { name: 'products', url: products.url, sdl: productsSdl },
    { name: 'reviews', url: await closedPortUrl(), sdl: reviewsSdlV2 },
  ]);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await products.stop();
});

async function gatewayWith(config: Partial<GatewayConfig> = {}): Promise<string> {
  const gateway = createGateway({
    config: { port: 0, ...config },
    supergraphSdl,
    logger: captureLogger().logger,
  });
  gateways.push(gateway);
  return (await gateway.start()).url;
}

describe('GraphQL over HTTP', () => {
  let url: string;
  beforeAll(async () => {
    url = await gatewayWith({ corsOrigins: ['https://app.example'] });
  });

  function get(
    params: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const target = new URL(url);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    return fetch(target, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  }

  it('runs queries sent with GET', async () => {
    const answer = await get({ query: '{ products { id } }' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { products: [{ id: 'p1' }, { id: 'p2' }] } });
  });

  it('sends results without an ETag, which would cost a hash of every body and serve no POST', async () => {
    const answer = await graphql(url, '{ products { id } }');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBeNull();
    expect((await get({ query: '{ products { id } }' })).headers.get('etag')).toBeNull();
  });

  it('refuses mutations sent with GET: 405 and Allow: POST', async () => {
    const answer = await get({
      query: 'mutation { addReview(productId: "p1", rating: 1) { id } }',
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });

  it('speaks application/graphql-response+json when accepted, with 400 for a request error', async () => {
    const answer = await graphql(url, '{ nope }', { accept: 'application/graphql-response+json' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(outcome(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.data).toBeUndefined();
  });

  it('answers 200 with partial data for a field error', async () => {
    const answer = await graphql(url, '{ products { id } boom }', {
      accept: 'application/graphql-response+json',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ products: [{ id: 'p1' }, { id: 'p2' }], boom: null });
    expect(answer.body.errors?.[0]?.path).toEqual(['boom']);
  });

  it('answers plain application/json to clients that only accept it', async () => {
    const answer = await graphql(url, '{ products { id } }', { accept: 'application/json' });
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('lets configured origins through CORS preflights, and no one else', async () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const studio = await preflight('https://studio.apollographql.com');
    expect(studio.headers.get('access-control-allow-origin')).toBe(
      'https://studio.apollographql.com',
    );
    const stranger = await preflight('https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

    const actual = await graphql(url, '{ products { id } }', {
      headers: { origin: 'https://app.example' },
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(actual.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('does not let Apollo Studio in unless configured in production', async () => {
    const production = await gatewayWith({
      environment: 'production',
      auth: 'off',
      internalIdentitySecret: 'graphql-over-http-secret-0123456789',
    });
    const answer = await fetch(production, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://studio.apollographql.com',
        'access-control-request-method': 'POST',
      },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('hides schema suggestions in production', async () => {
    const production = await gatewayWith({
      environment: 'production',
      auth: 'off',
      internalIdentitySecret: 'graphql-over-http-secret-0123456789',
    });
    const answer = await graphql(production, '{ product { id } }');
    expect(answer.body.errors?.[0]?.message).not.toContain('Did you mean');
    const development = await graphql(url, '{ product { id } }');
    expect(development.body.errors?.[0]?.message).toContain('Did you mean');
  });
});
