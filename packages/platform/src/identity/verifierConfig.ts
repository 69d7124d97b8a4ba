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

/** How a subgraph checks its callers, decided once at start-up. */
export interface SubgraphIdentityPolicy {
  /** Verifies the gateway's identity header; undefined when none is configured (development). */
  readonly key: InternalIdentityKey | undefined;
  /** Every request must carry the gateway's identity, not only `_entities` / `_service`. */
  readonly required: boolean;
}

/**
 * The access rule every subgraph follows (docs/adr/0007-internal-identity.md):
 * in production, or with MEMGATE_INTERNAL_IDENTITY_REQUIRED, only the
 * gateway may call, so a subgraph without a key to recognise it refuses to
 * start — starting open would be worse than not starting.
 */
export function subgraphIdentityPolicy(
  config: InternalIdentityVerifierConfig & { readonly environment: string },
): SubgraphIdentityPolicy {
  const key = internalIdentityVerificationKey(config);
  const keyVariables =
    'MEMGATE_INTERNAL_IDENTITY_SECRET or MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE';
  if (config.environment === 'production' && !key) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `Production needs ${keyVariables} to tell the gateway from anyone else.`,
    );
  }
  if (config.internalIdentityRequired && !key) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `MEMGATE_INTERNAL_IDENTITY_REQUIRED=true needs ${keyVariables}: without a key no request could prove it comes from the gateway.`,
    );
  }
  return {
    key,
    required: config.environment === 'production' || config.internalIdentityRequired,
  };
}
