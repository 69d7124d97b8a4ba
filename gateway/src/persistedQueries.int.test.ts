import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { sha256Hex } from './persisted/trustedDocuments.js';

const NAMES = '{ products { name } }';
const IDS = '{ products { id } }';

let products: RunningSubgraph;
let supergraphSdl: string;
let dir: string;
const gateways: Gateway[] = [];

beforeAll(async () => {
  products = await startProducts();
  supergraphSdl = composeSupergraph([
    { name: 'products', url: products.url, sdl: productsSdl },
    { name: 'reviews', url: await closedPortUrl(), sdl: reviewsSdlV2 },
  ]);
  dir = await mkdtemp(join(tmpdir(), 'memgate-pq-'));
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await products.stop();
  await rm(dir, { recursive: true, force: true });
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

const persisted = (query: string) => ({
  persistedQuery: { version: 1, sha256Hash: sha256Hex(query) },
});

describe('automatic persisted queries through the gateway', () => {
  it('asks for the document once, then runs it by hash', async () => {
    const url = await gatewayWith();
    const miss = await graphql(url, undefined, { extensions: persisted(NAMES) });
    expect(outcome(miss)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(outcome(await graphql(url, NAMES, { extensions: persisted(NAMES) }))).toBe('ok');
    const hit = await graphql(url, undefined, { extensions: persisted(NAMES) });
    expect(hit.body).toEqual({ data: { products: [{ name: 'Lamp' }, { name: 'Desk' }] } });
  });

  it('can be turned off', async () => {
    const url = await gatewayWith({ apq: false });
    expect(outcome(await graphql(url, undefined, { extensions: persisted(NAMES) }))).toBe(
      'PERSISTED_QUERY_NOT_SUPPORTED',
    );
  });
});

describe('trusted documents (allowlist mode)', () => {
  let url: string;
  beforeAll(async () => {
    const manifest = join(dir, 'trusted.json');
    await writeFile(manifest, JSON.stringify({ [sha256Hex(NAMES)]: NAMES, 'product-ids': IDS }));
    url = await gatewayWith({ trustedDocuments: manifest });
  });

  it('runs a trusted document named by its APQ hash or its document id', async () => {
    expect((await graphql(url, undefined, { extensions: persisted(NAMES) })).body.data).toEqual({
      products: [{ name: 'Lamp' }, { name: 'Desk' }],
    });
    const byId = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: 'product-ids' }),
    });
    expect(await byId.json()).toEqual({ data: { products: [{ id: 'p1' }, { id: 'p2' }] } });
  });

  it('runs a trusted document sent as text, and over GET', async () => {
    expect(outcome(await graphql(url, NAMES))).toBe('ok');
    const target = new URL(url);
    target.searchParams.set('extensions', JSON.stringify(persisted(NAMES)));
    const answer = await fetch(target, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await answer.json()).toEqual({
      data: { products: [{ name: 'Lamp' }, { name: 'Desk' }] },
    });
  });

  it('refuses unknown ids as PERSISTED_QUERY_NOT_FOUND and any other document as FORBIDDEN', async () => {
    const unknownId = await graphql(url, undefined, { extensions: persisted('{ boom }') });
    expect(unknownId.status).toBe(400);
    expect(outcome(unknownId)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const other = await graphql(url, '{ boom }');
    expect(other.status).toBe(403);
    expect(outcome(other)).toBe('FORBIDDEN');
    // Registering a new document the APQ way does not work either.
    const register = await graphql(url, '{ boom }', { extensions: persisted('{ boom }') });
    expect(outcome(register)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
