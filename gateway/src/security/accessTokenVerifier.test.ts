import { createPublicKey } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AUDIENCE,
  hs256Token,
  ISSUER,
  tampered,
  TestIdentityProvider,
  unsecuredToken,
  withForgedClaims,
} from '../../test/identityProvider.js';
import {
  createAccessTokenVerifier,
  REMEMBER_VERIFIED_MS,
  type AccessTokenVerifier,
} from './accessTokenVerifier.js';
import { AuthenticationError } from './authenticationError.js';
import { remoteSigningKeys, staticSigningKeys } from './signingKeys.js';

let idp: TestIdentityProvider;
let verify: AccessTokenVerifier;

const options = {
  issuer: ISSUER,
  audience: AUDIENCE,
  algorithms: ['RS256', 'ES256'],
  clockSkewSeconds: 30,
  rolesClaim: 'roles',
};

beforeAll(async () => {
  idp = await TestIdentityProvider.start();
  verify = createAccessTokenVerifier({
    ...options,
    keys: remoteSigningKeys({
      url: idp.jwksUrl,
      cacheMaxAgeMs: 60_000,
      cooldownMs: 0,
      timeoutMs: 2_000,
    }),
  });
});

afterAll(async () => {
  await idp.stop();
});

async function rejection(token: string, using = verify): Promise<AuthenticationError> {
  const error: unknown = await using(token).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('createAccessTokenVerifier', () => {
  it('accepts a token of the trusted issuer, with its subject, roles and scopes', async () => {
    const token = await idp.token({
      sub: 'ada',
      roles: ['ANALYST'],
      scope: 'read:graph write:graph',
    });
    await expect(verify(token)).resolves.toEqual({
      kind: 'user',
      subject: 'ada',
      roles: ['ANALYST'],
      scopes: ['read:graph', 'write:graph'],
      expiresAt: expect.any(Number) as number,
    });
  });

  it.each([
    ['expired', { expiresIn: -120 }, 'The access token expired.'],
    [
      'of another issuer',
      { iss: 'https://evil.test/' },
      'The access token was issued by an issuer this gateway does not trust.',
    ],
    ['for another audience', { aud: 'billing' }, 'The access token is meant for another audience.'],
    ['without a subject', { sub: null }, 'The access token has no "sub" claim.'],
  ])('rejects a token %s as invalid_token', async (_case, claims, description) => {
    const error = await rejection(await idp.token(claims));
    expect(error.description).toBe(description);
    expect(error.bearerError).toBe('invalid_token');
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('tolerates the configured clock skew on exp, and no more', async () => {
    await expect(verify(await idp.token({ expiresIn: -20 }))).resolves.toMatchObject({
      kind: 'user',
    });
    expect((await rejection(await idp.token({ expiresIn: -40 }))).description).toBe(
      'The access token expired.',
    );
  });

  it('rejects a tampered signature and forged claims', async () => {
    const token = await idp.token({ roles: ['READER'] });
    expect((await rejection(tampered(token))).description).toBe(
      'The access token signature is invalid.',
    );
    const forged = withForgedClaims(token, { roles: ['ADMIN'] });
    expect((await rejection(forged)).description).toBe('The access token signature is invalid.');
  });

  it('rejects HS256 when only asymmetric algorithms are pinned, even signed with the public key', async () => {
    // The classic algorithm-confusion attack: HMAC keyed with the RSA public key.
    const publicPem = createPublicKey({ key: idp.publicJwks().keys[0]!, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const error = await rejection(await hs256Token(publicPem));
    expect(error.description).toBe(
      'The access token is signed with an algorithm this gateway does not accept.',
    );
  });

  it('rejects unsecured tokens (alg none)', async () => {
    expect((await rejection(unsecuredToken())).description).toBe(
      'The access token is signed with an algorithm this gateway does not accept.',
    );
  });

  it('rejects an allowed key with an algorithm that is not pinned', async () => {
    const rsOnly = createAccessTokenVerifier({
      ...options,
      algorithms: ['RS256'],
      keys: remoteSigningKeys({
        url: idp.jwksUrl,
        cacheMaxAgeMs: 60_000,
        cooldownMs: 0,
        timeoutMs: 2_000,
      }),
    });
    const ecKid = await idp.rotate('ES256');
    const error = await rejection(await idp.token({ kid: ecKid }), rsOnly);
    expect(error.description).toBe(
      'The access token is signed with an algorithm this gateway does not accept.',
    );
  });

  it('rejects garbage as malformed', async () => {
    expect((await rejection('not.a.jwt')).description).toBe('The access token is malformed.');
  });

  it('follows key rotation: a token with a new kid makes it fetch the JWKS again', async () => {
    await verify(await idp.token());
    const before = idp.jwksFetches;
    const kid = await idp.rotate('RS256');
    idp.retireAllBut(kid);
    await expect(verify(await idp.token({ kid, sub: 'rotated' }))).resolves.toMatchObject({
      subject: 'rotated',
    });
    expect(idp.jwksFetches).toBe(before + 1);
  });

  it('caches the JWKS, and keeps unknown key ids from making it fetch more than once per cooldown', async () => {
    const cached = createAccessTokenVerifier({
      ...options,
      keys: remoteSigningKeys({
        url: idp.jwksUrl,
        cacheMaxAgeMs: 60_000,
        cooldownMs: 60_000,
        timeoutMs: 2_000,
      }),
    });
    const before = idp.jwksFetches;
    for (let i = 0; i < 5; i += 1) await cached(await idp.token());
    expect(idp.jwksFetches).toBe(before + 1);
    const stranger = await TestIdentityProvider.start();
    try {
      for (let i = 0; i < 3; i += 1) {
        expect((await rejection(await stranger.token(), cached)).description).toBe(
          'No trusted key matches the access token.',
        );
      }
    } finally {
      await stranger.stop();
    }
    expect(idp.jwksFetches).toBe(before + 1);
  });
});

describe('a token that verified, remembered', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A verifier whose signing keys count their uses and can be withdrawn. */
  function countingVerifier() {
    const keys = remoteSigningKeys({
      url: idp.jwksUrl,
      cacheMaxAgeMs: 600_000,
      cooldownMs: 0,
      timeoutMs: 2_000,
    });
    const state = { lookups: 0, withdrawn: false };
    const verifier = createAccessTokenVerifier({
      ...options,
      keys: (header, token) => {
        state.lookups += 1;
        if (state.withdrawn) return Promise.reject(new Error('the key was withdrawn'));
        return keys(header, token);
      },
    });
    return { verifier, state };
  }

  it('is taken again without a signature check, for a while', async () => {
    const { verifier, state } = countingVerifier();
    const token = await idp.token({ sub: 'ada', roles: ['ANALYST'] });
    const first = await verifier(token);
    await expect(verifier(token)).resolves.toEqual(first);
    expect(state.lookups).toBe(1);
  });

  it('is verified again after a minute, and refused if its key is gone by then', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { verifier, state } = countingVerifier();
    const token = await idp.token({ expiresIn: 3600 });
    await verifier(token);
    state.withdrawn = true;
    vi.advanceTimersByTime(REMEMBER_VERIFIED_MS - 1_000);
    await expect(verifier(token)).resolves.toMatchObject({ kind: 'user' });
    vi.advanceTimersByTime(2_000);
    await rejection(token, verifier);
  });

  it('is never taken past its exp without a check', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { verifier, state } = countingVerifier();
    const token = await idp.token({ expiresIn: 10 });
    await verifier(token);
    vi.advanceTimersByTime(11_000);
    // Within the clock skew it verifies again, and passes; the point is that it was checked.
    await verifier(token);
    expect(state.lookups).toBe(2);
  });

  it('is never remembered when refused', async () => {
    const { verifier, state } = countingVerifier();
    const forged = tampered(await idp.token());
    await rejection(forged, verifier);
    await rejection(forged, verifier);
    expect(state.lookups).toBe(2);
  });
});

describe('static signing keys', () => {
  it('verify tokens with a PEM public key, under the pinned algorithms only', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const keys = staticSigningKeys(await exportSPKI(publicKey), 'test');
    const sign = (claims: Record<string, unknown> = {}): Promise<string> =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('svc')
        .setExpirationTime('1m')
        .sign(privateKey);
    const esVerify = createAccessTokenVerifier({ ...options, algorithms: ['ES256'], keys });
    await expect(esVerify(await sign({ roles: 'WRITER' }))).resolves.toMatchObject({
      subject: 'svc',
      roles: ['WRITER'],
    });
    const rsVerify = createAccessTokenVerifier({ ...options, algorithms: ['RS256'], keys });
    expect((await rejection(await sign(), rsVerify)).description).toBe(
      'The access token is signed with an algorithm this gateway does not accept.',
    );
  });
});
