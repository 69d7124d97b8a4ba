import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MemgateError } from '@memgate/platform/errors';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

export interface RemoteKeysOptions {
  url: string;
  /** How long fetched keys are trusted before the set is fetched again. */
  cacheMaxAgeMs: number;
  /**
   * The least time between two fetches. A token with an unknown `kid` makes
   * jose fetch again (that is how key rotation reaches the gateway), but no
   * more often than this, so forged `kid`s cannot make it hammer the IdP.
   */
  cooldownMs: number;
  timeoutMs: number;
}

/** The identity provider's JWKS endpoint, cached and refreshed by jose. */
export function remoteSigningKeys(options: RemoteKeysOptions): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(options.url), {
    cacheMaxAge: options.cacheMaxAgeMs,
    cooldownDuration: options.cooldownMs,
    timeoutDuration: options.timeoutMs,
  });
}

const PEM_BLOCK =
  /-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----[\s\S]+?-----END \1-----/g;

/**
 * Keys given in configuration rather than fetched: a JWKS document, a single
 * JWK, or one or more PEM public keys or X.509 certificates. PEM keys become
 * JWKs without `alg`, so the algorithm allow-list alone decides which
 * algorithms they verify.
 */
export function staticSigningKeys(text: string, origin: string): JWTVerifyGetKey {
  return createLocalJWKSet(parseKeySet(text, origin));
}

export function staticSigningKeysFromFile(path: string): JWTVerifyGetKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MemgateError('INVALID_CONFIG', `Cannot read the token signing keys at ${path}.`, {
      cause: error,
    });
  }
  return staticSigningKeys(text, path);
}

export function parseKeySet(text: string, origin: string): JSONWebKeySet {
  const trimmed = text.trim();
  const keys = trimmed.startsWith('{') ? jwksFromJson(trimmed, origin) : jwksFromPem(trimmed);
  if (keys.length === 0) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `${origin} holds no public key: expected a JWKS, a JWK, or PEM public keys or certificates.`,
    );
  }
  return { keys };
}

function jwksFromJson(text: string, origin: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MemgateError('INVALID_CONFIG', `${origin} is not valid JSON.`, { cause: error });
  }
  const keys: unknown = (parsed as { keys?: unknown }).keys ?? [parsed];
  if (!Array.isArray(keys)) {
    throw new MemgateError('INVALID_CONFIG', `${origin}: "keys" must be an array of JWKs.`);
  }
  for (const key of keys) {
    // A private JWK in a verifier's configuration is a leaked secret, not a mistake to tolerate.
    if (typeof key === 'object' && key !== null && 'd' in key) {
      throw new MemgateError(
        'INVALID_CONFIG',
        `${origin} contains a private key; give public keys only.`,
      );
    }
  }
  return keys as JWK[];
}

function jwksFromPem(text: string): JWK[] {
  return [...text.matchAll(PEM_BLOCK)].map((match) =>
    createPublicKey(match[0]).export({ format: 'jwk' }),
  );
}
