import { readFileSync } from 'node:fs';
import { boolVar, optionalStringVar, type ConfigOf } from '../config/index.js';
import { MemgateError } from '../errors/index.js';
import {
  internalIdentityPublicKey,
  internalIdentitySecret,
  type InternalIdentityKey,
} from './internalIdentityKeys.js';

/**
 * What a subgraph reads to verify the identities the gateway forwards:
 * the gateway's shared secret, or the public half of its Ed25519 key.
 */
export const internalIdentityVerifierConfig = {
  internalIdentitySecret: optionalStringVar('MEMGATE_INTERNAL_IDENTITY_SECRET', {
    description:
      'Shared secret (32+ characters) the gateway signs the identity it forwards to subgraphs with (HS256). Required in production unless a private key is set.',
    secret: true,
  }),
  internalIdentityPublicKeyFile: optionalStringVar('MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE', {
    description:
      "A subgraph's copy of the public half (SPKI PEM) of the gateway's Ed25519 identity key, instead of the shared secret.",
  }),
  internalIdentityRequired: boolVar('MEMGATE_INTERNAL_IDENTITY_REQUIRED', {
    description:
      'Whether a subgraph answers only requests the gateway signed (true) or only guards _entities and _service (false).',
    default: false,
  }),
};

export type InternalIdentityVerifierConfig = ConfigOf<typeof internalIdentityVerifierConfig>;

/**
 * The verification key a subgraph is configured with; undefined when none
 * is (development: subgraphs then trust nobody's identity header and leave
 * `_entities` open, as before the gateway signed anything).
 */
export function internalIdentityVerificationKey(
  config: InternalIdentityVerifierConfig,
): InternalIdentityKey | undefined {
  const { internalIdentitySecret: secret, internalIdentityPublicKeyFile: file } = config;
  if (secret !== undefined && file !== undefined) {
    throw new MemgateError(
      'INVALID_CONFIG',
      'Set MEMGATE_INTERNAL_IDENTITY_SECRET or MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE, not both.',
    );
  }
  if (secret !== undefined) return internalIdentitySecret(secret);
  if (file !== undefined) return internalIdentityPublicKey(readFileSync(file, 'utf8'));
  return undefined;
}
