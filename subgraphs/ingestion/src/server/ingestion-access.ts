import { subgraphIdentityPolicy, type InternalIdentityKey } from '@memgate/platform/identity';
import type { IngestionConfig } from './config.js';

/**
 * This subgraph's name in the supergraph (`join__Graph`): the audience the
 * gateway signs the identities it forwards here for.
 */
export const INGESTION_AUDIENCE = 'ingestion';

/** Who may call the ingestion subgraph, read from its configuration. */
export interface IngestionAccess {
  /** Verifies the gateway's identity header; undefined when none is configured (development). */
  readonly identityKey: InternalIdentityKey | undefined;
  /**
   * Every request must prove who sent it: /graphql the gateway's signed
   * identity, the REST routes that or one of `restTokens`. Otherwise only
   * `_entities` / `_service` need the identity, and credentials a caller
   * does send must still verify.
   */
  readonly required: boolean;
  /** MEMGATE_INGEST_TOKENS: bearer tokens of producers calling the REST routes directly. */
  readonly restTokens: readonly string[];
  /** MEMGATE_AUTH_WRITER_ROLES: a gateway identity on the REST routes needs one of them. */
  readonly writerRoles: readonly string[];
}

/**
 * The access rules of the subgraph (docs/adr/0007-internal-identity.md).
 * Production, or MEMGATE_INTERNAL_IDENTITY_REQUIRED, closes the subgraph to
 * everyone but the gateway and token holders, so it cannot start without a
 * key to tell the gateway from anyone else: a start-up that silently left
 * the writes open would be worse than none.
 */
export function ingestionAccessOf(
  config: Pick<
    IngestionConfig,
    | 'environment'
    | 'internalIdentitySecret'
    | 'internalIdentityPublicKeyFile'
    | 'internalIdentityRequired'
    | 'ingestTokens'
    | 'authWriterRoles'
  >,
): IngestionAccess {
  const policy = subgraphIdentityPolicy(config);
  return {
    identityKey: policy.key,
    required: policy.required,
    restTokens: config.ingestTokens,
    writerRoles: config.authWriterRoles,
  };
}
