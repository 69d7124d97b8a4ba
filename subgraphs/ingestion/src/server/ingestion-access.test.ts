import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@memgate/platform/config';
import { describe, expect, it } from 'vitest';
import { ingestionConfig } from './config.js';
import { ingestionAccessOf } from './ingestion-access.js';

const SECRET = 'ingestion-access-test-secret-0123456789';
const access = (environment: Record<string, string>) =>
  ingestionAccessOf(loadConfig(ingestionConfig, environment));

describe('ingestionAccessOf', () => {
  it('leaves development open, with no key, unless a key is configured', () => {
    expect(access({})).toEqual({
      identityKey: undefined,
      required: false,
      restTokens: [],
      writerRoles: ['WRITER', 'ADMIN'],
    });
    expect(access({ MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET })).toMatchObject({
      identityKey: { alg: 'HS256' },
      required: false,
    });
  });

  it('requires the gateway (or a token) in production and when asked to', () => {
    const token = 't'.repeat(32);
    expect(
      access({
        MEMGATE_ENV: 'production',
        MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
        MEMGATE_INGEST_TOKENS: token,
      }),
    ).toMatchObject({ required: true, restTokens: [token] });
    expect(
      access({
        MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
        MEMGATE_INTERNAL_IDENTITY_REQUIRED: 'true',
      }).required,
    ).toBe(true);
  });

  it('verifies with the public half of an Ed25519 pair', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'memgate-access-'));
    try {
      const file = join(dir, 'identity.pub.pem');
      const { publicKey } = generateKeyPairSync('ed25519');
      await writeFile(file, publicKey.export({ type: 'spki', format: 'pem' }).toString());
      expect(
        access({ MEMGATE_ENV: 'production', MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE: file })
          .identityKey?.alg,
      ).toBe('EdDSA');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without a key to tell the gateway from anyone else', () => {
    expect(() => access({ MEMGATE_ENV: 'production' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('Production needs MEMGATE_INTERNAL_IDENTITY_SECRET'),
      }),
    );
    // Tokens open the REST routes only; /graphql would still answer anyone.
    expect(() =>
      access({ MEMGATE_ENV: 'production', MEMGATE_INGEST_TOKENS: 't'.repeat(32) }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('refuses MEMGATE_INTERNAL_IDENTITY_REQUIRED without a key, rather than stay open', () => {
    expect(() => access({ MEMGATE_INTERNAL_IDENTITY_REQUIRED: 'true' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('MEMGATE_INTERNAL_IDENTITY_REQUIRED=true needs'),
      }),
    );
  });

  it('refuses a weak secret, and a secret together with a public key', () => {
    expect(() => access({ MEMGATE_INTERNAL_IDENTITY_SECRET: 'short' })).toThrow(
      'at least 32 characters',
    );
    expect(() =>
      access({
        MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
        MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE: '/nonexistent.pem',
      }),
    ).toThrow('not both');
  });
});
