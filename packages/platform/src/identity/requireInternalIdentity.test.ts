import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitInternalIdentity,
  checkInternalIdentity,
  identityRefusal,
  INTERNAL_IDENTITY_HEADER,
  internalIdentitySecret,
  requireInternalIdentity,
  signInternalIdentity,
} from './index.js';

/** A development subgraph without a key: the route behind the guard answers 200. */
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(
    '/graphql',
    requireInternalIdentity({ key: undefined, audience: 'people', required: false }),
    (_req, res) => {
      res.json({ data: { ok: true } });
    },
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('requireInternalIdentity without a key (development)', () => {
  it('lets requests without an identity through', async () => {
    const response = await fetch(url, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('refuses an identity header it cannot check instead of ignoring it', async () => {
    const token = await signInternalIdentity(
      { subject: 'ada', roles: [], scopes: [] },
      { key: internalIdentitySecret('some-other-secret-0123456789abcdef'), audience: 'people' },
    );
    const response = await fetch(url, {
      method: 'POST',
      headers: { [INTERNAL_IDENTITY_HEADER]: token },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `MemgateIdentity header="${INTERNAL_IDENTITY_HEADER}"`,
    );
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'This service is not configured to verify the gateway’s identity.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });
});

describe('checkInternalIdentity', () => {
  const key = internalIdentitySecret('the-gateway-secret-0123456789abcdef');
  const caller = { subject: 'ada', roles: ['writer'], scopes: [] };

  it('returns the identity the gateway signed for this subgraph', async () => {
    const token = await signInternalIdentity(caller, { key, audience: 'people' });
    const check = await checkInternalIdentity(token, { key, audience: 'people', required: true });
    expect(check.refused).toBeUndefined();
    expect(check).toMatchObject({ identity: { subject: 'ada', roles: ['writer'] } });
  });

  it('refuses a missing header only when the identity is required', async () => {
    expect(
      await checkInternalIdentity(undefined, { key, audience: 'people', required: false }),
    ).toEqual({
      identity: undefined,
    });
    const refused = await checkInternalIdentity(undefined, {
      key,
      audience: 'people',
      required: true,
    });
    expect(refused.refused).toBe('This service only answers the Memgate gateway.');
    expect(identityRefusal('This service only answers the Memgate gateway.')).toMatchObject({
      status: 401,
      body: { errors: [{ message: 'This service only answers the Memgate gateway.' }] },
    });
  });

  it('refuses an identity signed for another subgraph, through the route check too', async () => {
    const token = await signInternalIdentity(caller, { key, audience: 'orders' });
    const admit = admitInternalIdentity({ key, audience: 'people', required: false });
    expect(await admit({ [INTERNAL_IDENTITY_HEADER]: token })).toMatchObject({
      status: 401,
      headers: { 'WWW-Authenticate': `MemgateIdentity header="${INTERNAL_IDENTITY_HEADER}"` },
      body: {
        errors: [
          {
            message: 'The internal identity is not one the gateway issued.',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
    });
    expect(await admit({})).toBeUndefined();
  });
});
