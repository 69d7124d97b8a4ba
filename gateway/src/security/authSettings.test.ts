import { loadConfig, type Environment } from '@memgate/platform/config';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSpec } from '../config.js';
import { resolveAuthSettings } from './authSettings.js';

const SECRET = 'a-shared-secret-of-at-least-32-chars!';

function settings(environment: Environment) {
  return resolveAuthSettings(loadConfig(gatewayConfigSpec, environment));
}

function problems(environment: Environment): string[] {
  try {
    settings(environment);
  } catch (error) {
    return (error as { details: { problems: string[] } }).details.problems;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('resolveAuthSettings', () => {
  it('is off in development by default, so `npm start` needs no identity provider', () => {
    expect(settings({})).toEqual({
      enabled: false,
      verify: undefined,
      anonymous: 'none',
      internalIdentityKey: undefined,
    });
  });

  it('is on in production by default, and says everything that is missing', () => {
    expect(problems({ MEMGATE_ENV: 'production' })).toEqual([
      'Exactly one of MEMGATE_AUTH_JWKS_URL, MEMGATE_AUTH_PUBLIC_KEYS and MEMGATE_AUTH_PUBLIC_KEYS_FILE must be set when auth is on.',
      'MEMGATE_AUTH_ISSUER must be set when auth is on.',
      'MEMGATE_AUTH_AUDIENCE must be set when auth is on.',
      'Production needs MEMGATE_INTERNAL_IDENTITY_SECRET or MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE: subgraphs must be able to tell the gateway from anyone else.',
    ]);
  });

  it('builds a verifier and the internal identity key from a complete configuration', () => {
    const resolved = settings({
      MEMGATE_ENV: 'production',
      MEMGATE_AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      MEMGATE_AUTH_ISSUER: 'https://idp.example/',
      MEMGATE_AUTH_AUDIENCE: 'memgate',
      MEMGATE_AUTH_ANONYMOUS: 'queries',
      MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
    });
    expect(resolved).toMatchObject({ enabled: true, anonymous: 'queries' });
    expect(resolved.verify).toBeTypeOf('function');
    expect(resolved.internalIdentityKey?.alg).toBe('HS256');
  });

  it('refuses ambiguous or weak settings', () => {
    expect(
      problems({
        MEMGATE_AUTH: 'on',
        MEMGATE_AUTH_JWKS_URL: 'https://idp.example/jwks',
        MEMGATE_AUTH_PUBLIC_KEYS: '{"keys":[]}',
        MEMGATE_AUTH_ISSUER: 'i',
        MEMGATE_AUTH_AUDIENCE: 'a',
        MEMGATE_INTERNAL_IDENTITY_SECRET: 'short',
      }),
    ).toEqual([
      'Exactly one of MEMGATE_AUTH_JWKS_URL, MEMGATE_AUTH_PUBLIC_KEYS and MEMGATE_AUTH_PUBLIC_KEYS_FILE must be set when auth is on.',
      'The internal identity secret must be at least 32 characters long.',
    ]);
    expect(
      problems({
        MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
        MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE: '/etc/key.pem',
      }),
    ).toEqual([
      'Set MEMGATE_INTERNAL_IDENTITY_SECRET or MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE, not both.',
    ]);
  });

  it('lets production turn auth off explicitly (behind another authenticating proxy)', () => {
    expect(
      settings({
        MEMGATE_ENV: 'production',
        MEMGATE_AUTH: 'off',
        MEMGATE_INTERNAL_IDENTITY_SECRET: SECRET,
      }),
    ).toMatchObject({ enabled: false });
  });

  it('never accepts `none` as an algorithm', () => {
    expect(() => loadConfig(gatewayConfigSpec, { MEMGATE_AUTH_ALGORITHMS: 'RS256,none' })).toThrow(
      /MEMGATE_AUTH_ALGORITHMS="RS256,none": must be among RS256/,
    );
  });
});
