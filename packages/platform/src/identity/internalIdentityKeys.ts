import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { MemgateError } from '../errors/index.js';

/**
 * The key the gateway signs forwarded identities with, and the matching key
 * a subgraph verifies them with. A shared secret (HS256) is the simple
 * option; an Ed25519 pair (EdDSA) is the better one, because a subgraph then
 * holds only the public key and cannot mint identities for other subgraphs.
 */
export type InternalIdentityKey =
  | { readonly alg: 'HS256'; readonly key: Uint8Array }
  | { readonly alg: 'EdDSA'; readonly key: KeyObject };

/** 256 bits, the HS256 key size RFC 7518 §3.2 asks for. */
export const MIN_SECRET_LENGTH = 32;

export function internalIdentitySecret(secret: string): InternalIdentityKey {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `The internal identity secret must be at least ${MIN_SECRET_LENGTH} characters long.`,
    );
  }
  return { alg: 'HS256', key: new TextEncoder().encode(secret) };
}

/** The gateway's side of an Ed25519 pair: a PKCS#8 PEM private key. */
export function internalIdentityPrivateKey(pem: string): InternalIdentityKey {
  return { alg: 'EdDSA', key: ed25519(() => createPrivateKey(pem), 'private') };
}

/** A subgraph's side of an Ed25519 pair: an SPKI PEM public key. */
export function internalIdentityPublicKey(pem: string): InternalIdentityKey {
  return { alg: 'EdDSA', key: ed25519(() => createPublicKey(pem), 'public') };
}

function ed25519(load: () => KeyObject, kind: string): KeyObject {
  let key: KeyObject;
  try {
    key = load();
  } catch (error) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `The internal identity ${kind} key is not a PEM key.`,
      {
        cause: error,
      },
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new MemgateError(
      'INVALID_CONFIG',
      `The internal identity ${kind} key must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'a secret'}.`,
    );
  }
  return key;
}
