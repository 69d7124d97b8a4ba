import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { generateIngestionSubgraphSdl } from '@memgate/ingestion';
import { parseGraphModel } from '@memgate/graph-model';
import { generateQuerySubgraphSdl } from '@memgate/query';
import { readGraphTypeDefs } from '@memgate/schema';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startStack, type RunningStack } from '../../../../scripts/stack/start-stack.js';
import { ChangeProducer } from '../../changeProducer.js';
import { graphql, outcome } from '../../http.js';
import { AUDIENCE, ISSUER, TestIdentityProvider } from '../../identityProvider.js';
import { connect, type TestClient } from '../../wsClient.js';

/**
 * The real stack — gateway, query subgraph, ingestion subgraph and worker on
 * the test run's engine and broker — with authentication on: the auth
 * matrix over real federation, and a subscription to the worker's own change
 * events whose node is resolved by the real query subgraph. The test's own
 * producer (one event per message, as earlier releases published) only
 * probes that the gateway's change feed is live.
 */
const suffix = Math.random().toString(36).slice(2, 8);
const PREFIX = `e2e-auth-${suffix}.`;
const id = (name: string): string => `auth-${suffix}-${name}`;

let stack: RunningStack;
let idp: TestIdentityProvider;
let producer: ChangeProducer;
let dir: string;
const clients: TestClient[] = [];

function composedSupergraph(): string {
  const model = parseGraphModel(readGraphTypeDefs());
  const result = composeServices([
    {
      name: 'query',
      url: 'http://localhost:4001/graphql',
      typeDefs: parse(generateQuerySubgraphSdl(model)),
    },
    {
      name: 'ingestion',
      url: 'http://localhost:4002/graphql',
      typeDefs: parse(generateIngestionSubgraphSdl(model)),
    },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

beforeAll(async () => {
  idp = await TestIdentityProvider.start();
  dir = await mkdtemp(join(tmpdir(), 'memgate-e2e-auth-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composedSupergraph());
  const brokers = inject('kafkaBrokers');
  producer = await ChangeProducer.connect(brokers, `${PREFIX}changes`);
  stack = await startStack({
    anyFreePorts: true,
    environment: {
      ...process.env,
      LOG_LEVEL: 'warn',
      MEMGATE_KAFKA_TOPIC_PREFIX: PREFIX,
      MEMGATE_WORKER_GROUP_ID: `e2e-auth-${suffix}`,
      MEMGATE_SUPERGRAPH_PATH: supergraphPath,
      MEMGATE_AUTH: 'on',
      MEMGATE_AUTH_JWKS_URL: idp.jwksUrl,
      MEMGATE_AUTH_ISSUER: ISSUER,
      MEMGATE_AUTH_AUDIENCE: AUDIENCE,
      MEMGATE_AUTH_ANONYMOUS: 'queries',
      MEMGATE_INTERNAL_IDENTITY_SECRET: `e2e-internal-identity-secret-${suffix}-0123456789`,
      MEMGATE_RATE_LIMIT_PER_SECOND: '0',
      MEMGATE_SUBSCRIPTIONS_GROUP_PREFIX: `e2e-auth-${suffix}`,
      // The gateway's change feed; the stack hands the subgraphs their brokers itself.
      KAFKA_BROKERS: brokers.join(','),
    },
    services: {
      engine: {
        uri: inject('boltUri'),
        user: inject('boltUser'),
        password: inject('boltPassword'),
        external: true,
        readyAfterMs: 0,
      },
      kafka: { brokers, external: true, readyAfterMs: 0 },
      stop: () => Promise.resolve(),
    },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await stack.stop();
  await producer.disconnect();
  await idp.stop();
  await rm(dir, { recursive: true, force: true });
});

const as = (...roles: string[]): Promise<string> =>
  idp.token({ sub: `e2e-${roles.join('-') || 'none'}`, roles });

async function completed(
  receiptId: string,
  token: string,
): Promise<{ status: string; written: number }> {
  let receipt: { status: string; written: number } | undefined;
  await vi.waitFor(
    async () => {
      const answer = await graphql(
        stack.gatewayUrl,
        'query ($id: ID!) { ingestionReceipt(id: $id) { status written } }',
        {
          token,
          variables: { id: receiptId },
        },
      );
      receipt = answer.body.data?.['ingestionReceipt'] as typeof receipt;
      expect(receipt?.status).toBe('COMPLETED');
    },
    { timeout: 30_000, interval: 200 },
  );
  return receipt!;
}

describe('the auth matrix over the real stack', () => {
  const UPSERT = 'mutation ($input: [PersonInput!]!) { upsertPeople(input: $input) { id status } }';
  let receiptId: string;

  beforeAll(async () => {
    const answer = await graphql(stack.gatewayUrl, UPSERT, {
      token: await as('WRITER'),
      variables: { input: [{ id: id('ada'), name: 'Ada', email: `${id('ada')}@example.org` }] },
    });
    expect(outcome(answer)).toBe('ok');
    receiptId = (answer.body.data?.['upsertPeople'] as { id: string }).id;
    await completed(receiptId, await as('WRITER'));
  });

  it('lets anonymous callers read the unguarded read API', async () => {
    const answer = await graphql(
      stack.gatewayUrl,
      `{ people(where: { id: { eq: "${id('ada')}" } }) { id name } }`,
    );
    expect(answer.body).toEqual({ data: { people: [{ id: id('ada'), name: 'Ada' }] } });
  });

  it.each([
    ['anonymous', undefined, 403],
    ['READER', ['READER'], 403],
    ['WRITER', ['WRITER'], 403],
    ['ANALYST', ['ANALYST'], 200],
    ['ADMIN', ['ADMIN'], 200],
  ] as const)('Person.email for %s → %i', async (_who, roles, status) => {
    const answer = await graphql(
      stack.gatewayUrl,
      `{ people(where: { id: { eq: "${id('ada')}" } }) { email } }`,
      {
        ...(roles && { token: await as(...roles) }),
      },
    );
    expect(answer.status).toBe(status);
    if (status === 200)
      expect(answer.body.data).toEqual({ people: [{ email: `${id('ada')}@example.org` }] });
  });

  it('does not let a reader probe emails through a filter', async () => {
    const answer = await graphql(
      stack.gatewayUrl,
      '{ people(where: { email: { startsWith: "ada" } }) { id } }',
      {
        token: await as('READER'),
      },
    );
    expect(outcome(answer)).toBe('FORBIDDEN');
  });

  it.each([
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['READER', ['READER'], 'FORBIDDEN'],
    ['ANALYST', ['ANALYST'], 'FORBIDDEN'],
    ['WRITER', ['WRITER'], 'ok'],
    ['ADMIN', ['ADMIN'], 'ok'],
  ] as const)('upsertPeople for %s → %s', async (_who, roles, expected) => {
    const answer = await graphql(stack.gatewayUrl, UPSERT, {
      ...(roles && { token: await as(...roles) }),
      variables: { input: [{ id: id(`matrix-${expected}`), name: 'M' }] },
    });
    expect(outcome(answer)).toBe(expected);
  });

  it('keeps receipts to writers', async () => {
    const query = `{ ingestionReceipt(id: "${receiptId}") { status } }`;
    expect(outcome(await graphql(stack.gatewayUrl, query, { token: await as('READER') }))).toBe(
      'FORBIDDEN',
    );
    expect(outcome(await graphql(stack.gatewayUrl, query, { token: await as('WRITER') }))).toBe(
      'ok',
    );
  });

  it('answers an expired token with 401 and a challenge', async () => {
    const answer = await graphql(stack.gatewayUrl, '{ people(limit: 1) { id } }', {
      token: await idp.token({ roles: ['ADMIN'], expiresIn: -3600 }),
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('subscriptions over the real stack', () => {
  it('delivers a change with its node resolved by the query subgraph, guarded fields included for analysts', async () => {
    const analyst = connect(stack.gatewayUrl, { authorization: `Bearer ${await as('ANALYST')}` });
    clients.push(analyst);
    // One subscription, live once it hears a probe of the test's own producer (one event per
    // message, as earlier releases published); then the worker's own event, from a frame.
    const probeKey = id('probe');
    const changes = analyst.subscribe<{ graphChanged: { key: string } }>(
      `subscription { graphChanged(types: ["Person"], keys: ["${probeKey}", "${id('grace')}"]) { kind key receiptId node { ... on Person { name email } } } }`,
    );
    await vi.waitFor(
      async () => {
        await producer.send(producer.upserted('Person', probeKey));
        await changes.received(1, 500);
      },
      { timeout: 30_000, interval: 100 },
    );

    const writer = await as('WRITER');
    const upsert = await graphql(
      stack.gatewayUrl,
      'mutation ($input: [PersonInput!]!) { upsertPeople(input: $input) { id } }',
      {
        token: writer,
        variables: {
          input: [{ id: id('grace'), name: 'Grace', email: `${id('grace')}@example.org` }],
        },
      },
    );
    const receiptId = (upsert.body.data?.['upsertPeople'] as { id: string }).id;
    await completed(receiptId, writer);
    const grace = await vi.waitFor(
      () => {
        const found = changes.results.find(
          (result) => result.data?.graphChanged.key === id('grace'),
        );
        if (!found) throw new Error('no change of grace yet');
        return found;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(grace.data).toEqual({
      graphChanged: {
        kind: 'CREATED',
        key: id('grace'),
        receiptId,
        node: { name: 'Grace', email: `${id('grace')}@example.org` },
      },
    });
  });
});
