import {
  INTERNAL_IDENTITY_HEADER,
  INTERNAL_IDENTITY_LOCAL,
  internalIdentitySecret,
  signInternalIdentity,
} from '@memgate/platform/identity';
import { listen, type Listening } from '@memgate/platform/http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestionAccess } from './ingestion-access.js';
import { requireRestCaller } from './rest-access.js';

const key = internalIdentitySecret('rest-access-test-secret-0123456789abcdef');
const TOKEN = 'producer-token-0123456789abcdef-0123456789';
const OTHER_TOKEN = 'another-token-0123456789abcdef-0123456789';
const WRITERS = ['WRITER', 'ADMIN'];

/** A REST route behind the guard, answering who got through. */
async function serve(access: IngestionAccess): Promise<Listening> {
  const app = express();
  app.use('/ingest', requireRestCaller(access));
  app.post('/ingest/:source', (_req, res) => {
    const identity = res.locals[INTERNAL_IDENTITY_LOCAL] as { subject?: string } | undefined;
    res.status(202).json({ caller: identity ? `gateway:${identity.subject ?? ''}` : 'other' });
  });
  return listen(app, 0, '127.0.0.1');
}

async function post(
  server: Listening,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; authenticate: string | null }> {
  const response = await fetch(`${server.url}/ingest/crm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...headers },
    body: '{"id":1}\n',
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    authenticate: response.headers.get('www-authenticate'),
  };
}

const identityFor = async (
  audience: string,
  caller: { subject?: string; roles: string[] } = { subject: 'ada', roles: ['WRITER'] },
) => ({
  [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(
    { subject: caller.subject, roles: caller.roles, scopes: [] },
    { key, audience },
  ),
});

const unauthenticated = (message: string) => ({
  error: { code: 'UNAUTHENTICATED', message: expect.stringContaining(message) as unknown },
});

describe('requireRestCaller', () => {
  let closed: Listening;
  let open: Listening;
  let keyless: Listening;

  beforeAll(async () => {
    closed = await serve({
      identityKey: key,
      required: true,
      restTokens: [TOKEN, OTHER_TOKEN],
      writerRoles: WRITERS,
    });
    open = await serve({
      identityKey: key,
      required: false,
      restTokens: [TOKEN],
      writerRoles: WRITERS,
    });
    keyless = await serve({
      identityKey: undefined,
      required: false,
      restTokens: [],
      writerRoles: WRITERS,
    });
  });

  afterAll(async () => {
    await Promise.all([closed.close(), open.close(), keyless.close()]);
  });

  it('refuses a caller without credentials when required, naming what it needs', async () => {
    const answer = await post(closed);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(unauthenticated('Authorization: Bearer <token>'));
    expect(answer.authenticate).toBe('Bearer realm="memgate-ingestion"');
  });

  it('admits any configured bearer token', async () => {
    for (const token of [TOKEN, OTHER_TOKEN]) {
      const answer = await post(closed, { authorization: `Bearer ${token}` });
      expect(answer).toMatchObject({ status: 202, body: { caller: 'other' } });
    }
  });

  it('refuses an unknown token, and an Authorization header that is not a bearer token', async () => {
    const wrong = await post(closed, { authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unauthenticated('not one of MEMGATE_INGEST_TOKENS'));
    expect(wrong.authenticate).toBe('Bearer realm="memgate-ingestion", error="invalid_token"');
    const basic = await post(closed, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(basic.body).toEqual(unauthenticated('must be `Bearer <token>`'));
    expect(basic.authenticate).toContain('error="invalid_request"');
  });

  it('admits the gateway’s identity for this subgraph, and hands it on', async () => {
    const answer = await post(closed, await identityFor('ingestion'));
    expect(answer).toMatchObject({ status: 202, body: { caller: 'gateway:ada' } });
  });

  it('refuses a gateway identity without a subject or a writer role, with 403', async () => {
    for (const caller of [
      { roles: ['WRITER'] },
      { subject: 'grace', roles: ['ANALYST'] },
      { subject: 'grace', roles: [] },
    ]) {
      const answer = await post(closed, await identityFor('ingestion', caller));
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({
        error: { code: 'FORBIDDEN', message: expect.stringContaining('writer role') as unknown },
      });
    }
    const admin = await post(
      closed,
      await identityFor('ingestion', { subject: 'root', roles: ['ADMIN'] }),
    );
    expect(admin).toMatchObject({ status: 202, body: { caller: 'gateway:root' } });
  });

  it('refuses an identity minted for another subgraph, or forged', async () => {
    const other = await post(closed, await identityFor('query'));
    expect(other.status).toBe(401);
    expect(other.body).toEqual(unauthenticated('not one the gateway issued'));
    const forged = await post(closed, { [INTERNAL_IDENTITY_HEADER]: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(forged.status).toBe(401);
  });

  it('lets callers without credentials through when not required, but never a bad credential', async () => {
    expect((await post(open)).status).toBe(202);
    expect((await post(open, { authorization: `Bearer ${TOKEN}` })).status).toBe(202);
    expect((await post(open, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await post(open, await identityFor('query'))).status).toBe(401);
  });

  it('refuses credentials it has nothing to check with', async () => {
    expect((await post(keyless)).status).toBe(202);
    const identity = await post(keyless, await identityFor('ingestion'));
    expect(identity.status).toBe(401);
    expect(identity.body).toEqual(unauthenticated('not configured to verify'));
    expect((await post(keyless, { authorization: `Bearer ${TOKEN}` })).status).toBe(401);
  });
});
