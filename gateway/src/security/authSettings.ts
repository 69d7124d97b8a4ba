import { readFileSync } from 'node:fs';
import type { ConfigOf } from '@memgate/platform/config';
import { MemgateError } from '@memgate/platform/errors';
import {
  internalIdentityPrivateKey,
  internalIdentitySecret,
  type InternalIdentityKey,
} from '@memgate/platform/identity';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './accessTokenVerifier.js';
import type { authConfigSpec, AnonymousAccess } from './authConfig.js';
import { remoteSigningKeys, staticSigningKeys, staticSigningKeysFromFile } from './signingKeys.js';

type AuthConfig = ConfigOf<typeof authConfigSpec> & { environment: 'development' | 'production' };

export interface AuthSettings {
  /** Off: no tokens are read and no RBAC applies (development by default). */
  readonly enabled: boolean;
  /** Present when enabled. */
  readonly verify: AccessTokenVerifier | undefined;
  readonly anonymous: AnonymousAccess;
  /** Unset in development without one: subgraphs then get no identity header. */
  readonly internalIdentityKey: InternalIdentityKey | undefined;
}

/**
 * Checks the variables that only make sense together and builds what they
 * describe. Every problem is reported at once, as loadConfig does for
 * single variables, and the gateway does not start on any of them.
 */
export function resolveAuthSettings(config: AuthConfig): AuthSettings {
  const problems: string[] = [];
  const enabled =
    config.auth === 'on' || (config.auth === 'auto' && config.environment === 'production');
  let verify: AccessTokenVerifier | undefined;
  if (enabled) {
    const sources = [config.authJwksUrl, config.authPublicKeys, config.authPublicKeysFile].filter(
      (source) => source !== undefined,
    );
    if (sources.length !== 1) {
      problems.push(
        'Exactly one of MEMGATE_AUTH_JWKS_URL, MEMGATE_AUTH_PUBLIC_KEYS and MEMGATE_AUTH_PUBLIC_KEYS_FILE must be set when auth is on.',
      );
    }
    if (config.authIssuer === undefined)
      problems.push('MEMGATE_AUTH_ISSUER must be set when auth is on.');
    if (config.authAudience === undefined)
      problems.push('MEMGATE_AUTH_AUDIENCE must be set when auth is on.');
    if (config.authAlgorithms.length === 0)
      problems.push('MEMGATE_AUTH_ALGORITHMS must name at least one algorithm.');
    if (problems.length === 0) {
      verify = collect(problems, () =>
        createAccessTokenVerifier({
          keys: signingKeys(config),
          issuer: config.authIssuer ?? '',
          audience: config.authAudience ?? '',
          algorithms: config.authAlgorithms,
          clockSkewSeconds: config.authClockSkewSeconds,
          rolesClaim: config.authRolesClaim,
        }),
      );
    }
  }

  let internalIdentityKey: InternalIdentityKey | undefined;
  const { internalIdentitySecret: secret, internalIdentityPrivateKeyFile: keyFile } = config;
  if (secret !== undefined && keyFile !== undefined) {
    problems.push(
      'Set MEMGATE_INTERNAL_IDENTITY_SECRET or MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE, not both.',
    );
  } else if (secret !== undefined) {
    internalIdentityKey = collect(problems, () => internalIdentitySecret(secret));
  } else if (keyFile !== undefined) {
    internalIdentityKey = collect(problems, () =>
      internalIdentityPrivateKey(readFileSync(keyFile, 'utf8')),
    );
  } else if (config.environment === 'production') {
    problems.push(
      'Production needs MEMGATE_INTERNAL_IDENTITY_SECRET or MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE: subgraphs must be able to tell the gateway from anyone else.',
    );
  }

  if (problems.length > 0) {
    throw new MemgateError('INVALID_CONFIG', `Invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  return { enabled, verify, anonymous: config.authAnonymous, internalIdentityKey };
}

function signingKeys(config: AuthConfig): ReturnType<typeof remoteSigningKeys> {
  if (config.authJwksUrl !== undefined) {
    return remoteSigningKeys({
      url: config.authJwksUrl,
      cacheMaxAgeMs: config.authJwksCacheSeconds * 1000,
      cooldownMs: config.authJwksCooldownSeconds * 1000,
      timeoutMs: 5_000,
    });
  }
  if (config.authPublicKeys !== undefined)
    return staticSigningKeys(config.authPublicKeys, 'MEMGATE_AUTH_PUBLIC_KEYS');
  return staticSigningKeysFromFile(config.authPublicKeysFile ?? '');
}

function collect<T>(problems: string[], build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
