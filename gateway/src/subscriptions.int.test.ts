import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { ChangeProducer } from '../test/changeProducer.js';
import { AUDIENCE, ISSUER, TestIdentityProvider } from '../test/identityProvider.js';
import { GRAPH_SDL, startTinyGraph, type TinyGraph } from '../test/tinyGraph.js';
import { connect, type TestClient } from '../test/wsClient.js';
import type { GatewayConfig } from './config.js';
import { createGateway, type Gateway } from './createGateway.js';

/**
 * Subscriptions end to end on one gateway: the real broker carries change
 * messages from a test producer, the gateway completes them through its
 * query plan against two small subgraphs, and graphql-ws clients receive them.
 */
const suffix = Math.random().toString(36).slice(2, 8);
const PREFIX = `gw-sub-${suffix}.`;

let graph: TinyGraph;
let idp: TestIdentityProvider;
let producer: ChangeProducer;
let dir: string;
let graphSchemaPath: string;
const gateways: Gateway[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  [graph, idp] = await Promise.all([startTinyGraph(), TestIdentityProvider.start()]);
  producer = await ChangeProducer.connect(inject('kafkaBrokers'), `${PREFIX}changes`);
  dir = await mkdtemp(join(tmpdir(), 'memgate-subs-'));
  graphSchemaPath = join(dir, 'graph.graphql');
  await writeFile(graphSchemaPath, GRAPH_SDL);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await producer.disconnect();
  await Promise.all([graph.stop(), idp.stop()]);
  await rm(dir, { recursive: true, force: true });
});

async function gatewayWith(
  config: Partial<GatewayConfig> = {},
): Promise<{ gateway: Gateway; url: string }> {
  const gateway = createGateway({
    config: {
      port: 0,
      graphSchemaPath,
      topicPrefix: PREFIX,
      subscriptionGroupPrefix: `gw-test-${suffix}-${gateways.length}`,
      rateLimitPerSecond: 0,
      ...config,
    },
    kafkaBrokers: inject('kafkaBrokers'),
    supergraphSdl: graph.supergraphSdl,
    logger: captureLogger('warn').logger,
  });
  gateways.push(gateway);
  const { url } = await gateway.start();
  await gateway.subscriptionsReady();
  return { gateway, url };
}

function client(url: string, params: Record<string, unknown> = {}): TestClient {
  const created = connect(url, params);
  clients.push(created);
  return created;
}

/**
 * A new consumer group starts at the latest offset it sees once it has its
 * partitions; until a probe message comes through, earlier ones may be missed.
 */
async function untilListening(
  gateway: Gateway,
  url: string,
  params: Record<string, unknown> = {},
): Promise<void> {
  const probe = client(url, params).subscribe(
    'subscription { graphChanged(keys: ["probe"]) { key } }',
  );
  await vi.waitFor(
    async () => {
      await producer.send(producer.upserted('Topic', 'probe'));
      await probe.received(1, 500);
    },
    { timeout: 30_000, interval: 100 },
  );
  probe.dispose();
  await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(0));
}

describe('graphChanged', () => {
  let gateway: Gateway;
  let url: string;
  beforeAll(async () => {
    ({ gateway, url } = await gatewayWith());
    await untilListening(gateway, url);
  });

  // Counting subscriptions tells when a new one listens only once the last test's are gone.
  afterEach(async () => {
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(0));
  });

  it('delivers each change with its node resolved through the query plan, one query per burst', async () => {
    const subscription = client(url).subscribe(`subscription {
      graphChanged(types: ["Person"]) { kind typename key receiptId node { __typename ... on Person { id name } } }
    }`);
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(1));
    graph.queryOperations.length = 0;
    await producer.send(
      producer.upserted('Person', 'p1', 'r-1'),
      producer.upserted('Person', 'p2', 'r-1'),
    );
    const results = await subscription.received(2);
    expect(results.map((result) => result.data)).toEqual(
      expect.arrayContaining([
        {
          graphChanged: {
            kind: 'UPSERTED',
            typename: 'Person',
            key: 'p1',
            receiptId: 'r-1',
            node: { __typename: 'Person', id: 'p1', name: 'Ada' },
          },
        },
        {
          graphChanged: {
            kind: 'UPSERTED',
            typename: 'Person',
            key: 'p2',
            receiptId: 'r-1',
            node: { __typename: 'Person', id: 'p2', name: 'Alan' },
          },
        },
      ]),
    );
    expect(
      graph.queryOperations.filter((name) => name === 'MemgateGraphChangedNodes').length,
    ).toBeLessThanOrEqual(2);
    subscription.dispose();
  });

  it('batches a burst into one query even across subscribers with the same selection', async () => {
    const query =
      'subscription { graphChanged { key node { ... on Person { name } ... on Topic { name } } } }';
    const first = client(url).subscribe(query);
    const second = client(url).subscribe(query);
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(2));
    graph.queryOperations.length = 0;
    graph.delayMs = 0;
    await producer.send(
      producer.upserted('Person', 'p1'),
      producer.upserted('Topic', 't1'),
      producer.upserted('Person', 'p2'),
    );
    await first.received(3);
    await second.received(3);
    expect(first.results.map((result) => result.data)).toEqual(
      second.results.map((result) => result.data),
    );
    // Three events, two subscribers: far fewer queries than the six a naive gateway makes.
    expect(graph.queryOperations.length).toBeLessThanOrEqual(3);
    first.dispose();
    second.dispose();
  });

  it('filters by type and key, and leaves node null for a deleted node', async () => {
    const subscription = client(url).subscribe(
      'subscription ($keys: [ID!]) { graphChanged(types: ["Person"], keys: $keys) { kind key node { ... on Person { name } } } }',
      { keys: ['p2'] },
    );
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(1));
    await producer.send(producer.upserted('Person', 'p1'), producer.upserted('Topic', 't1'));
    await producer.send({
      kind: 'deleted',
      typename: 'Person',
      key: { id: 'p2' },
      at: new Date().toISOString(),
    });
    const [deleted] = await subscription.received(1);
    expect(deleted?.data).toEqual({ graphChanged: { kind: 'DELETED', key: 'p2', node: null } });
    subscription.dispose();
  });

  it('keeps aliases, fragments and directives as written', async () => {
    const subscription = client(url).subscribe(
      `subscription ($withName: Boolean!) {
        change: graphChanged(keys: ["p1"]) { what: kind ...Who }
      }
      fragment Who on GraphChange { node { ... on Person { label: name @include(if: $withName) id } } }`,
      { withName: true },
    );
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(1));
    await producer.send(producer.upserted('Person', 'p1'));
    const [result] = await subscription.received(1);
    expect(result?.data).toEqual({
      change: { what: 'UPSERTED', node: { label: 'Ada', id: 'p1' } },
    });
    subscription.dispose();
  });

  it('refuses unknown node types when subscribing', async () => {
    const subscription = client(url).subscribe(
      'subscription { graphChanged(types: ["Nope"]) { key } }',
    );
    await subscription.completed;
    expect(subscription.error()).toEqual([
      expect.objectContaining({
        message: 'graphChanged: no node type is called Nope.',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('refuses subscriptions sent over HTTP, pointing at the WebSocket', async () => {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { graphChanged { key } }' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      errors: [
        {
          message:
            'Subscriptions are served over WebSocket (graphql-transport-ws) at this same endpoint.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('answers queries over the same WebSocket', async () => {
    const query = client(url).subscribe('{ people(where: { id: { eq: "p1" } }) { name } }');
    await query.completed;
    expect(query.results).toEqual([{ data: { people: [{ name: 'Ada' }] } }]);
  });
});

describe('ingestionProgress', () => {
  let gateway: Gateway;
  let url: string;
  beforeAll(async () => {
    ({ gateway, url } = await gatewayWith());
    await untilListening(gateway, url);
  });

  it('says where the receipt stands, follows its progress, and completes with it', async () => {
    graph.receipts.set('r-7', {
      id: 'r-7',
      source: 'upsertPeople',
      status: 'ACCEPTED',
      accepted: 2,
      written: 0,
      rejected: 0,
      updatedAt: '2024-05-01T12:00:00Z',
      people: [{ id: 'p1' }, { id: 'p2' }],
    });
    const subscription = client(url).subscribe(
      'subscription { ingestionProgress(receiptId: "r-7") { id status written source people { name } } }',
    );
    await subscription.received(1);
    expect(subscription.results[0]?.data).toEqual({
      ingestionProgress: {
        id: 'r-7',
        status: 'ACCEPTED',
        written: 0,
        source: 'upsertPeople',
        people: [{ name: 'Ada' }, { name: 'Alan' }],
      },
    });
    const progress = (status: string, written: number) => ({
      kind: 'receipt',
      receiptId: 'r-7',
      status,
      accepted: 2,
      written,
      rejected: 0,
      at: new Date().toISOString(),
    });
    await producer.send(progress('ACCEPTED', 1));
    await producer.send(progress('COMPLETED', 2));
    await subscription.completed;
    expect(subscription.results.slice(1).map((result) => result.data)).toEqual([
      {
        ingestionProgress: {
          id: 'r-7',
          status: 'ACCEPTED',
          written: 1,
          source: 'upsertPeople',
          people: [{ name: 'Ada' }, { name: 'Alan' }],
        },
      },
      {
        ingestionProgress: {
          id: 'r-7',
          status: 'COMPLETED',
          written: 2,
          source: 'upsertPeople',
          people: [{ name: 'Ada' }, { name: 'Alan' }],
        },
      },
    ]);
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(0));
  });

  it('completes at once for a receipt that is already done', async () => {
    graph.receipts.set('r-8', { ...graph.receipts.get('r-7')!, id: 'r-8', status: 'FAILED' });
    const subscription = client(url).subscribe(
      'subscription { ingestionProgress(receiptId: "r-8") { status } }',
    );
    await subscription.completed;
    expect(subscription.results).toEqual([{ data: { ingestionProgress: { status: 'FAILED' } } }]);
  });
});

describe('replicas', () => {
  it('each deliver every change to their own subscribers', async () => {
    const replicas = await Promise.all([gatewayWith(), gatewayWith()]);
    await Promise.all(replicas.map(({ gateway, url }) => untilListening(gateway, url)));
    const subscriptions = replicas.map(({ url }) =>
      client(url).subscribe(
        'subscription { graphChanged(keys: ["t1"]) { key node { ... on Topic { name } } } }',
      ),
    );
    await Promise.all(
      replicas.map(({ gateway }) =>
        vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(1)),
      ),
    );
    await producer.send(producer.upserted('Topic', 't1'));
    for (const subscription of subscriptions) {
      expect((await subscription.received(1))[0]?.data).toEqual({
        graphChanged: { key: 't1', node: { name: 'Graphs' } },
      });
    }
  });
});

describe('authentication and authorization over WebSocket', () => {
  let url: string;
  let gateway: Gateway;
  const token = (roles: string[], expiresIn = 300): Promise<string> =>
    idp.token({ sub: `ws-${roles.join('-')}`, roles, expiresIn });

  beforeAll(async () => {
    ({ gateway, url } = await gatewayWith({
      auth: 'on',
      authJwksUrl: idp.jwksUrl,
      authIssuer: ISSUER,
      authAudience: AUDIENCE,
      authClockSkewSeconds: 0,
    }));
    await untilListening(gateway, url, { authorization: `Bearer ${await token(['READER'])}` });
  });

  it('closes a connection without a token, or with an invalid one, with 4403', async () => {
    expect(await client(url).closed).toEqual({
      code: 4403,
      reason: 'Forbidden: A bearer token is required for this operation.',
    });
    expect(await client(url, { authorization: `Bearer ${await token([], -60)}` }).closed).toEqual({
      code: 4403,
      reason: 'Forbidden: The access token expired.',
    });
  });

  it('takes the token from Apollo Client’s headers too, and authorises each subscription', async () => {
    const reader = client(url, { headers: { Authorization: `Bearer ${await token(['READER'])}` } });
    const denied = reader.subscribe(
      'subscription { graphChanged { node { ... on Person { email } } } }',
    );
    await denied.completed;
    expect(denied.error()).toEqual([
      expect.objectContaining({
        message: 'Not authorized to run this operation.',
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    const receipts = reader.subscribe(
      'subscription { ingestionProgress(receiptId: "r-7") { status } }',
    );
    await receipts.completed;
    expect(receipts.error()).toEqual([
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    ]);

    const analyst = client(url, { authorization: `Bearer ${await token(['ANALYST'])}` });
    const allowed = analyst.subscribe(
      'subscription { graphChanged(keys: ["p1"]) { node { ... on Person { email } } } }',
    );
    await vi.waitFor(() => expect(gateway.activeSubscriptions()).toBe(1));
    await producer.send(producer.upserted('Person', 'p1'));
    expect((await allowed.received(1))[0]?.data).toEqual({
      graphChanged: { node: { email: 'ada@example.org' } },
    });
    allowed.dispose();
  });

  it('closes the connection with 4403 when the token expires', async () => {
    const shortLived = client(url, { authorization: `Bearer ${await token(['READER'], 2)}` });
    shortLived.subscribe('subscription { graphChanged { key } }');
    expect(await shortLived.closed).toEqual({
      code: 4403,
      reason: 'Forbidden: the access token expired',
    });
  });
});
