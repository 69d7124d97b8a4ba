import { writerRolesConfig } from '@memgate/platform/identity';
import {
  enumVar,
  intVar,
  listVar,
  optionalStringVar,
  optionalUrlVar,
  stringVar,
} from '@memgate/platform/config';
import { z } from 'zod';

/**
 * Signature algorithms a deployment may pin. `none` is not among them, and
 * jose would refuse unsecured tokens anyway.
 */
export const JWS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
  'HS256',
  'HS384',
  'HS512',
] as const;

export const ANONYMOUS_ACCESS = ['none', 'queries', 'all'] as const;
export type AnonymousAccess = (typeof ANONYMOUS_ACCESS)[number];

/** Authentication of clients (OAuth2 bearer tokens) and role-based access control. */
export const authConfigSpec = {
  auth: enumVar('MEMGATE_AUTH', {
    description:
      'Authentication and RBAC: auto (on in production, off in development so `npm start` needs no identity provider), on or off. Off lets every caller run every operation.',
    values: ['auto', 'on', 'off'],
    default: 'auto',
  }),
  authJwksUrl: optionalUrlVar('MEMGATE_AUTH_JWKS_URL', {
    description:
      "The identity provider's JWKS endpoint; keys are cached and re-fetched when a token names an unknown key (rotation).",
    protocols: ['https', 'http'],
  }),
  authPublicKeys: optionalStringVar('MEMGATE_AUTH_PUBLIC_KEYS', {
    description:
      'Token signing keys given inline instead of a JWKS URL: a JWKS or JWK (JSON), or PEM public keys or certificates.',
    secret: true,
  }),
  authPublicKeysFile: optionalStringVar('MEMGATE_AUTH_PUBLIC_KEYS_FILE', {
    description: 'Like MEMGATE_AUTH_PUBLIC_KEYS, read from this file at start-up.',
  }),
  authIssuer: optionalStringVar('MEMGATE_AUTH_ISSUER', {
    description: 'The `iss` every access token must carry (required when auth is on).',
  }),
  authAudience: optionalStringVar('MEMGATE_AUTH_AUDIENCE', {
    description: 'The `aud` every access token must include (required when auth is on).',
  }),
  authAlgorithms: listVar('MEMGATE_AUTH_ALGORITHMS', {
    description:
      'Comma-separated signature algorithms accepted (pinned); tokens signed otherwise get 401. Never `none`.',
    default: 'RS256',
    item: z.enum(JWS_ALGORITHMS, { message: `must be among ${JWS_ALGORITHMS.join(', ')}` }),
  }),
  authClockSkewSeconds: intVar('MEMGATE_AUTH_CLOCK_SKEW_SECONDS', {
    description: 'Clock skew tolerated when checking `exp` and `nbf`, in seconds.',
    default: 30,
    min: 0,
    max: 600,
  }),
  authJwksCacheSeconds: intVar('MEMGATE_AUTH_JWKS_CACHE_SECONDS', {
    description: 'How long fetched JWKS keys are used before the set is fetched again.',
    default: 600,
    min: 1,
  }),
  authJwksCooldownSeconds: intVar('MEMGATE_AUTH_JWKS_COOLDOWN_SECONDS', {
    description:
      'Least time between two JWKS fetches, so tokens with unknown key ids cannot make the gateway hammer the identity provider.',
    default: 30,
    min: 0,
  }),
  authAnonymous: enumVar('MEMGATE_AUTH_ANONYMOUS', {
    description:
      'What callers without a token may run when auth is on: none, queries (queries and subscriptions) or all (mutations still need a writer role).',
    values: ANONYMOUS_ACCESS,
    default: 'none',
  }),
  authRolesClaim: stringVar('MEMGATE_AUTH_ROLES_CLAIM', {
    description:
      'Claim holding the caller’s roles, a dotted path for nested claims (e.g. realm_access.roles). Scopes (`scope`, `scp`) count as roles too.',
    default: 'roles',
  }),
  ...writerRolesConfig,
  authReadSubgraphs: listVar('MEMGATE_AUTH_READ_SUBGRAPHS', {
    description:
      'Subgraphs whose fields every admitted caller may read, guarded further by @auth of the graph SDL; fields of unlisted subgraphs are denied.',
    default: 'query',
  }),
  authWriteSubgraphs: listVar('MEMGATE_AUTH_WRITE_SUBGRAPHS', {
    description: 'Subgraphs whose root fields need one of MEMGATE_AUTH_WRITER_ROLES.',
    default: 'ingestion',
  }),
  internalIdentitySecret: optionalStringVar('MEMGATE_INTERNAL_IDENTITY_SECRET', {
    description:
      'Shared secret (32+ characters) the gateway signs the identity it forwards to subgraphs with (HS256). Required in production unless a private key is set.',
    secret: true,
  }),
  internalIdentityPrivateKeyFile: optionalStringVar('MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE', {
    description:
      'Ed25519 private key (PKCS#8 PEM) to sign forwarded identities with (EdDSA) instead of a shared secret; subgraphs then hold only the public key.',
  }),
};
