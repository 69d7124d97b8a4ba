import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../config/index.js';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  INTERNAL_IDENTITY_ISSUER,
  internalIdentityPrivateKey,
  internalIdentityPublicKey,
  internalIdentitySecret,
  internalIdentityVerificationKey,
  internalIdentityVerifierConfig,
  signInternalIdentity,
  verifyInternalIdentity,
} from './index.js';

const secret = internalIdentitySecret('0123456789abcdef0123456789abcdef');
const identity = { subject: 'ada', roles: ['ANALYST'], scopes: ['read:graph'] };

function ed25519Pair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('internal identity', () => {
  it('round-trips with a shared secret (HS256)', async () => {
    const token = await signInternalIdentity(identity, { key: secret, audience: 'query' });
    await expect(
      verifyInternalIdentity(token, { key: secret, audience: 'query' }),
    ).resolves.toEqual(identity);
  });

  it('round-trips with an Ed25519 pair, the subgraph holding only the public key', async () => {
    const { privatePem, publicPem } = ed25519Pair();
    const token = await signInternalIdentity(
      { subject: undefined, roles: [], scopes: [] },
      { key: internalIdentityPrivateKey(privatePem), audience: 'ingestion' },
    );
    await expect(
      verifyInternalIdentity(token, {
        key: internalIdentityPublicKey(publicPem),
        audience: 'ingestion',
      }),
    ).resolves.toEqual({ subject: undefined, roles: [], scopes: [] });
  });

  it('is refused by a subgraph it was not minted for', async () => {
    const token = await signInternalIdentity(identity, { key: secret, audience: 'query' });
    await expect(
      verifyInternalIdentity(token, { key: secret, audience: 'ingestion' }),
    ).rejects.toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('is refused when signed with another key', async () => {
    const other = internalIdentitySecret('another-secret-another-secret-123');
    const token = await signInternalIdentity(identity, { key: other, audience: 'query' });
    await expect(
      verifyInternalIdentity(token, { key: secret, audience: 'query' }),
    ).rejects.toThrow();
  });

  it('cannot be forged with HS256 keyed by the public Ed25519 key (algorithm confusion)', async () => {
    const { publicPem } = ed25519Pair();
    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'memgate-identity+jwt' })
      .setIssuer(INTERNAL_IDENTITY_ISSUER)
      .setAudience('query')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(publicPem));
    await expect(
      verifyInternalIdentity(forged, {
        key: internalIdentityPublicKey(publicPem),
        audience: 'query',
      }),
    ).rejects.toThrow();
  });

  it('is refused past its lifetime, however long its exp says', async () => {
    const longLived = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'memgate-identity+jwt' })
      .setIssuer(INTERNAL_IDENTITY_ISSUER)
      .setAudience('query')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime('1d')
      .sign(secret.key);
    await expect(
      verifyInternalIdentity(longLived, { key: secret, audience: 'query' }),
    ).rejects.toThrow();
  });

  it('refuses a client access token presented as an identity', async () => {
    const clientToken = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(INTERNAL_IDENTITY_ISSUER)
      .setAudience('query')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(secret.key);
    // Right key and claims, but not typed as an internal identity.
    await expect(
      verifyInternalIdentity(clientToken, { key: secret, audience: 'query' }),
    ).rejects.toThrow();
  });

  describe('a token that verified, remembered until it expires', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('is refused once it has expired, though it verified before', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const token = await signInternalIdentity(identity, { key: secret, audience: 'query' });
      const options = { key: secret, audience: 'query' };
      await expect(verifyInternalIdentity(token, options)).resolves.toEqual(identity);
      vi.advanceTimersByTime(30_000);
      await expect(verifyInternalIdentity(token, options)).resolves.toEqual(identity);
      vi.advanceTimersByTime(90_000);
      await expect(verifyInternalIdentity(token, options)).rejects.toThrow(
        expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      );
    });

    it('is still refused by another subgraph and under another key', async () => {
      const token = await signInternalIdentity(identity, { key: secret, audience: 'query' });
      await expect(
        verifyInternalIdentity(token, { key: secret, audience: 'query' }),
      ).resolves.toEqual(identity);
      await expect(
        verifyInternalIdentity(token, { key: secret, audience: 'ingestion' }),
      ).rejects.toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
      const other = internalIdentitySecret('another-secret-another-secret-123');
      await expect(
        verifyInternalIdentity(token, { key: other, audience: 'query' }),
      ).rejects.toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    });
  });

  it('rejects weak secrets and keys of the wrong kind', () => {
    expect(() => internalIdentitySecret('short')).toThrow('at least 32 characters');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => internalIdentityPublicKey(pem)).toThrow('must be an Ed25519 key, not rsa');
  });
});

describe('internalIdentityVerificationKey', () => {
  it('reads a subgraph’s key from its configuration, or none', () => {
    const read = (environment: Record<string, string>) =>
      internalIdentityVerificationKey(loadConfig(internalIdentityVerifierConfig, environment));
    expect(read({})).toBeUndefined();
    expect(
      read({ MEMGATE_INTERNAL_IDENTITY_SECRET: '0123456789abcdef0123456789abcdef' })?.alg,
    ).toBe('HS256');
    expect(() =>
      read({
        MEMGATE_INTERNAL_IDENTITY_SECRET: 'x'.repeat(32),
        MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE: '/k.pem',
      }),
    ).toThrow('not both');
  });
});
