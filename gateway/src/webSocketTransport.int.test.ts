import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { ChangeProducer } from '../test/changeProducer.js';
import { openRaw } from '../test/rawSocket.js';
import { GRAPH_SDL, startTinyGraph, type TinyGraph } from '../test/tinyGraph.js';
import { connect, type TestClient } from '../test/wsClient.js';
import type { GatewayConfig } from './config.js';
import { createGateway, type Gateway } from './createGateway.js';
import { sha256Hex } from './persisted/trustedDocuments.js';

/** The graphql-ws protocol, limits and back-pressure on the WebSocket transport. */
const suffix = Math.random().toString(36).slice(2, 8);
const PREFIX = `gw-ws-${suffix}.`;

let graph: TinyGraph;
let producer: ChangeProducer;
let dir: string;
let graphSchemaPath: string;
const gateways: Gateway[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  graph = await startTinyGraph();
  producer = await ChangeProducer.connect(inject('kafkaBrokers'), `${PREFIX}changes`);
  dir = await mkdtemp(join(tmpdir(), 'memgate-ws-'));
  graphSchemaPath = join(dir, 'graph.graphql');
  await writeFile(graphSchemaPath, GRAPH_SDL);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await producer.disconnect();
  await graph.stop();
  await rm(dir, { recursive: true, force: true });
});

async function gatewayWith(
  config: Partial<GatewayConfig> = {},
  kafka = false,
): Promise<{ gateway: Gateway; url: string }> {
  const gateway = createGateway({
    config: {
      port: 0,
      graphSchemaPath,
      topicPrefix: PREFIX,
      subscriptionGroupPrefix: `gw-ws-${suffix}-${gateways.length}`,
      rateLimitPerSecond: 0,
      ...config,
    },
    ...(kafka && { kafkaBrokers: inject('kafkaBrokers') }),
    supergraphSdl: graph.supergraphSdl,
    logger: captureLogger('warn').logger,
  });
  gateways.push(gateway);
  const { url } = await gateway.start();
  if (kafka) await gateway.subscriptionsReady();
  return { gateway, url };
}

function client(url: string, params: Record<string, unknown> = {}): TestClient {
  const created = connect(url, params);
  clients.push(created);
  return created;
}

async function errorOf(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<unknown> {
  const subscription = client(url).subscribe(query, variables);
  await subscription.completed;
  return subscription.error();
}

describe('the graphql-ws protocol', () => {
  let url: string;
  beforeAll(async () => {
    ({ url } = await gatewayWith({ wsInitTimeoutMs: 200 }));
  });

  it('closes with 4408 when connection_init does not come in time', async () => {
    const raw = await openRaw(url);
    expect(await raw.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('closes with 4429 on a second connection_init', async () => {
    const raw = await openRaw(url);
    raw.send({ type: 'connection_init' });
    await raw.next('connection_ack');
    raw.send({ type: 'connection_init' });
    expect((await raw.closed).code).toBe(4429);
  });

  it('closes with 4401 on subscribe before the connection is acknowledged', async () => {
    const raw = await openRaw(url);
    raw.send({ id: '1', type: 'subscribe', payload: { query: '{ people { id } }' } });
    expect((await raw.closed).code).toBe(4401);
  });

  it('closes with 4409 when an operation id is already in use', async () => {
    const raw = await openRaw(url);
    raw.send({ type: 'connection_init' });
    await raw.next('connection_ack');
    const subscribe = {
      id: 'same',
      type: 'subscribe',
      payload: { query: 'subscription { graphChanged { key } }' },
    };
    raw.send(subscribe);
    raw.send(subscribe);
    expect((await raw.closed).code).toBe(4409);
  });

  it('closes with 4400 on a message that is not graphql-ws', async () => {
    const raw = await openRaw(url);
    raw.socket.send('{"type":"hello"}');
    expect((await raw.closed).code).toBe(4400);
  });

  it('pings, and drops a peer that stops answering', async () => {
    const { url: keepAliveUrl } = await gatewayWith({ wsKeepAliveMs: 150 });
    const alive = await openRaw(keepAliveUrl);
    const dead = await openRaw(keepAliveUrl, { autoPong: false });
    let pings = 0;
    dead.socket.on('ping', () => (pings += 1));
    expect((await dead.closed).code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
    alive.socket.close();
  });
});

describe('limits on the WebSocket transport', () => {
  let url: string;
  beforeAll(async () => {
    ({ url } = await gatewayWith({
      maxDepth: 3,
      maxAliases: 1,
      maxDirectives: 1,
      maxTokens: 30,
      maxCost: 1,
      wsMaxSubscriptions: 2,
    }));
  });

  it.each([
    [
      'depth',
      'subscription { graphChanged { node { ... on Person { name } } } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['aliases', 'subscription { a: graphChanged { b: key } }', 'GRAPHQL_VALIDATION_FAILED'],
    [
      'directives',
      '{ people { id @skip(if: false) name @skip(if: false) } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'tokens',
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      'GRAPHQL_PARSE_FAILED',
    ],
    ['cost', '{ people { id } topics { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('refuses %s over the limit like HTTP does', async (_limit, query, code) => {
    expect(await errorOf(url, query)).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code }) as object }),
    ]);
  });

  it('refuses more subscriptions than a connection may hold', async () => {
    const one = client(url);
    one.subscribe('subscription { graphChanged { key } }');
    one.subscribe('subscription { graphChanged { key } }');
    one.subscribe('subscription { graphChanged { key } }');
    const fourth = one.subscribe('subscription { graphChanged { key } }');
    await fourth.completed;
    expect(fourth.error()).toEqual([
      expect.objectContaining({
        message: 'A connection may hold at most 2 subscriptions.',
        extensions: { code: 'RATE_LIMITED' },
      }),
    ]);
  });

  it('rate-limits operations per client, across connections', async () => {
    const { url: limited } = await gatewayWith({ rateLimitPerSecond: 1, rateLimitBurst: 2 });
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const query = client(limited).subscribe('{ people(where: { id: { eq: "p1" } }) { name } }');
      await query.completed;
      codes.push(
        query.error() === undefined
          ? 'ok'
          : (query.error() as { extensions?: { code?: string } }[])[0]?.extensions?.code,
      );
    }
    expect(codes).toEqual(['ok', 'ok', 'RATE_LIMITED']);
  });

  it('admits only trusted documents in allowlist mode', async () => {
    const manifest = join(dir, 'trusted.json');
    const trusted = 'query Ada { people(where: { id: { eq: "p1" } }) { name } }';
    await writeFile(manifest, JSON.stringify({ [sha256Hex(trusted)]: trusted }));
    const { url: allowlisted } = await gatewayWith({ trustedDocuments: manifest });
    expect(await errorOf(allowlisted, '{ people { email } }')).toEqual([
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    ]);
    const raw = await openRaw(allowlisted);
    raw.send({ type: 'connection_init' });
    await raw.next('connection_ack');
    raw.send({
      id: '1',
      type: 'subscribe',
      payload: {
        query: '',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(trusted) } },
      },
    });
    expect(await raw.next('next')).toEqual({
      id: '1',
      type: 'next',
      payload: { data: { people: [{ name: 'Ada' }] } },
    });
    raw.socket.close();
  });

  it('tells a client subscriptions need a change feed when none is configured', async () => {
    expect(await errorOf(url, 'subscription { graphChanged { key } }')).toEqual([
      expect.objectContaining({ extensions: { code: 'BROKER_UNAVAILABLE' } }),
    ]);
  });
});

describe('slow consumers', () => {
  it('are disconnected with 1013 once too many events wait, instead of buffering them', async () => {
    const { gateway, url } = await gatewayWith(
      { wsMaxPendingEvents: 3, subscriptionBurstMs: 0 },
      true,
    );
    const probe = client(url).subscribe('subscription { graphChanged(keys: ["probe"]) { key } }');
    await vi.waitFor(
      async () => {
        await producer.send(producer.upserted('Topic', 'probe'));
        await probe.received(1, 500);
      },
      { timeout: 30_000, interval: 100 },
    );
    probe.dispose();
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(0));
    const slow = client(url);
    slow.subscribe(
      'subscription { graphChanged(types: ["Person"]) { node { ... on Person { name } } } }',
    );
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(1));
    // Completing each event takes a while: events pile up faster than they can be sent.
    graph.delayMs = 300;
    try {
      await producer.send(...Array.from({ length: 10 }, () => producer.upserted('Person', 'p1')));
      const closed = await slow.closed;
      expect(closed).toEqual({
        code: 1013,
        reason: 'Slow consumer: more than 3 events waiting for one subscription',
      });
      await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(0));
    } finally {
      graph.delayMs = 0;
    }
  });
});
