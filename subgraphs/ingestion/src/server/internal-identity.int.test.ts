import { loadConfig } from '@memgate/platform/config';
import {
  INTERNAL_IDENTITY_HEADER,
  internalIdentitySecret,
  signInternalIdentity,
} from '@memgate/platform/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../../test/http-upload.js';
import { isolatedPipeline, type IsolatedPipeline } from '../../test/ingestion-harness.js';
import { silentLogger } from '../../test/silent-logger.js';
import { CleanupStack } from './cleanup-stack.js';
import { ingestionConfig } from './config.js';
import { createIngestionSubgraph } from './create-ingestion-subgraph.js';

/**
 * The trust boundary of the ingestion subgraph on the real broker and
 * engine: `_entities` and `_service` answer only the gateway; with identity
 * required, /graphql answers only the gateway and the REST routes only the
 * gateway or a holder of an ingest token. Refusals are JSON: GraphQL errors
 * on /graphql, `{ error }` on REST.
 */
const SECRET = 'ingestion-identity-test-secret-0123456789abcdef';
const TOKEN = 'ingestion-identity-test-token-0123456789abcdef';
const key = internalIdentitySecret(SECRET);
const ENTITIES =
  '{ _entities(representations: [{ __typename: "IngestionReceipt", id: "r1" }]) { __typename } }';

const gatewayIdentity = async (audience = 'ingestion'): Promise<Record<string, string>> => ({
  [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(
    { subject: 'ada', roles: ['WRITER'], scopes: [] },
    { key, audience },
  ),
});

async function graphql(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function getReceipt(
  url: string,
  id: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/ingest/receipts/${id}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) =>
  body.errors?.[0]?.extensions?.code;
const CONTACT = '{"id":"c1","name":"Grace","employer":{"id":"o1","name":"Navy"}}\n';
const NDJSON = { 'content-type': 'application/x-ndjson' };

describe('who may call the ingestion subgraph', () => {
  const cleanup = new CleanupStack();
  let pipeline: IsolatedPipeline;
  /** Development defaults, with the gateway's key: only the federation fields are closed. */
  let openUrl: string;
  /** MEMGATE_INTERNAL_IDENTITY_REQUIRED, and one ingest token. */
  let closedUrl: string;

  const start = async (environment: Record<string, string>): Promise<string> => {
    const subgraph = await createIngestionSubgraph({
      ...pipeline,
      config: loadConfig(ingestionConfig, { ...pipeline.environment, ...environment }),
      logger: silentLogger(),
    });
    cleanup.push(() => subgraph.stop());
    return (await subgraph.start()).url;
  };

  beforeAll(async () => {
    pipeline = await isolatedPipeline();
    cleanup.push(() => pipeline.dispose());
    openUrl = await start({ MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET });
    closedUrl = await start({
      MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
      MEMGATE_INTERNAL_IDENTITY_REQUIRED: 'true',
      MEMGATE_INGEST_TOKENS: TOKEN,
    });
  }, 120_000);

  afterAll(() => cleanup.run());

  it('refuses _entities and _service to anyone but the gateway, with 403 FORBIDDEN', async () => {
    for (const query of [ENTITIES, '{ _service { sdl } }']) {
      const refused = await graphql(openUrl, query);
      expect(refused.status).toBe(403);
      expect(codeOf(refused.body)).toBe('FORBIDDEN');
    }
    const answered = await graphql(openUrl, '{ _service { sdl } }', await gatewayIdentity());
    expect(answered.status).toBe(200);
    expect(JSON.stringify(answered.body.data)).toContain('upsertPeople');
    // Other fields stay open in development.
    expect((await graphql(openUrl, '{ __typename }')).body.data).toEqual({
      __typename: 'Query',
    });
  });

  it('refuses an identity minted for another subgraph, or forged, with 401 UNAUTHENTICATED', async () => {
    for (const headers of [
      await gatewayIdentity('query'),
      { [INTERNAL_IDENTITY_HEADER]: 'eyJhbGciOiJub25lIn0.e30.' },
    ]) {
      const refused = await graphql(openUrl, '{ _service { sdl } }', headers);
      expect(refused.status).toBe(401);
      expect(codeOf(refused.body)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers only the gateway on /graphql when identity is required', async () => {
    const anonymous = await graphql(closedUrl, '{ __typename }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      errors: [
        {
          message: 'This service only answers the Memgate gateway.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    // An ingest token is for the REST routes, not for GraphQL.
    const withToken = await graphql(closedUrl, '{ __typename }', {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(withToken.status).toBe(401);
    const gateway = await graphql(closedUrl, '{ __typename }', await gatewayIdentity());
    expect(gateway).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses a stranger before reading the body: an oversize or broken body still gets 401', async () => {
    for (const body of ['{ not json', `{"query":"${'x'.repeat(2_000_000)}"}`]) {
      const response = await fetch(`${closedUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        `MemgateIdentity header="${INTERNAL_IDENTITY_HEADER}"`,
      );
      expect(codeOf((await response.json()) as never)).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps the connection of a refused receipt lookup, which has no body to drain', async () => {
    const response = await fetch(`${closedUrl}/ingest/receipts/r1`);
    expect(response.status).toBe(401);
    expect(response.headers.get('connection')).not.toBe('close');
  });

  it('answers the REST routes only with an ingest token or the gateway’s identity when required', async () => {
    const anonymous = await upload(closedUrl, '/ingest/contacts', CONTACT, NDJSON);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="memgate-ingestion"');
    expect(anonymous.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('Bearer <token>') },
    });
    const wrongToken = await upload(closedUrl, '/ingest/contacts', CONTACT, {
      ...NDJSON,
      authorization: `Bearer ${TOKEN}-not`,
    });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    const accepted = await upload(closedUrl, '/ingest/contacts', CONTACT, {
      ...NDJSON,
      authorization: `Bearer ${TOKEN}`,
    });
    expect(accepted).toMatchObject({ status: 202, body: { accepted: 1, rejected: 0 } });
    const receiptId = String(accepted.body['receiptId']);

    expect(await getReceipt(closedUrl, receiptId)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(await getReceipt(closedUrl, receiptId, await gatewayIdentity('query'))).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    for (const headers of [{ authorization: `Bearer ${TOKEN}` }, await gatewayIdentity()]) {
      expect(await getReceipt(closedUrl, receiptId, headers)).toMatchObject({
        status: 200,
        body: { id: receiptId, source: 'contacts', accepted: 1 },
      });
    }
    // Unknown routes under /ingest are refused before they are looked up: nothing leaks.
    expect((await getReceipt(closedUrl, '../nowhere')).status).toBe(401);
  });

  it('lets anonymous REST calls through in development, but never a bad credential', async () => {
    expect((await upload(openUrl, '/ingest/contacts', CONTACT, NDJSON)).status).toBe(202);
    const badToken = await upload(openUrl, '/ingest/contacts', CONTACT, {
      ...NDJSON,
      authorization: 'Bearer not-a-configured-token',
    });
    expect(badToken.status).toBe(401);
    expect((await getReceipt(openUrl, 'r-none')).status).toBe(404);
  });

  it('refuses to start in production without the gateway’s key, or when required without one', async () => {
    for (const environment of [
      { MEMGATE_ENV: 'production' },
      { MEMGATE_ENV: 'production', MEMGATE_INGEST_TOKENS: TOKEN },
      { MEMGATE_INTERNAL_IDENTITY_REQUIRED: 'true' },
    ]) {
      await expect(
        createIngestionSubgraph({
          ...pipeline,
          config: loadConfig(ingestionConfig, { ...pipeline.environment, ...environment }),
          logger: silentLogger(),
        }),
      ).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    }
  });

  it('in production, closes /graphql and REST alike to anyone but the gateway', async () => {
    const productionUrl = await start({
      MEMGATE_ENV: 'production',
      MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
    });
    expect((await graphql(productionUrl, '{ __typename }')).status).toBe(401);
    expect((await upload(productionUrl, '/ingest/contacts', CONTACT, NDJSON)).status).toBe(401);
    const gateway = await graphql(productionUrl, '{ __typename }', await gatewayIdentity());
    expect(gateway.status).toBe(200);
  });
});
