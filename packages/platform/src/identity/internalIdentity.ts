import { MemgateError } from '../errors/index.js';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ExpiringMemo } from './expiringMemo.js';
import type { InternalIdentityKey } from './internalIdentityKeys.js';

/** The request header that carries the gateway-signed identity to a subgraph. */
export const INTERNAL_IDENTITY_HEADER = 'x-memgate-identity';
export const INTERNAL_IDENTITY_ISSUER = 'memgate-gateway';
/** Long enough for one subgraph call, short enough that a leaked token is soon useless. */
export const INTERNAL_IDENTITY_TTL_SECONDS = 60;

/**
 * Who the gateway says the caller is. Subgraphs authorise with this, never
 * with the client's own token, which the gateway does not forward.
 */
export interface InternalIdentity {
  /** The client token's `sub`; absent for anonymous callers. */
  readonly subject: string | undefined;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
}

export interface SignInternalIdentityOptions {
  key: InternalIdentityKey;
  /** The subgraph's name: a token minted for one subgraph is refused by the others. */
  audience: string;
}

export function signInternalIdentity(
  identity: InternalIdentity,
  options: SignInternalIdentityOptions,
): Promise<string> {
  const claims: JWTPayload = { roles: [...identity.roles], scopes: [...identity.scopes] };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.key.alg, typ: 'memgate-identity+jwt' })
    .setIssuer(INTERNAL_IDENTITY_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_IDENTITY_TTL_SECONDS}s`);
  if (identity.subject !== undefined) jwt.setSubject(identity.subject);
  return jwt.sign(options.key.key);
}

export interface VerifyInternalIdentityOptions {
  key: InternalIdentityKey;
  /** This subgraph's name, as the supergraph's join__Graph names it. */
  audience: string;
  clockToleranceSeconds?: number;
}

/**
 * A subgraph's check that an identity header really comes from the gateway:
 * signed with the configured key and its algorithm only (no algorithm
 * confusion), issued by the gateway for this subgraph, and fresh. Throws an
 * UNAUTHENTICATED MemgateError otherwise.
 *
 * A token that verified is remembered, for its key and audience, until it
 * expires: the gateway reuses a token for many calls of one caller, and one
 * request can be checked twice (by the route, then by the federation-field
 * guard). A verification costs 75–110 µs, a large part of a subgraph call.
 */
export async function verifyInternalIdentity(
  token: string,
  options: VerifyInternalIdentityOptions,
): Promise<InternalIdentity> {
  const cacheKey = `${options.audience}\n${token}`;
  const hit = verifiedTokens.get(options.key.key)?.get(cacheKey);
  if (hit) return hit;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, options.key.key, {
      algorithms: [options.key.alg],
      issuer: INTERNAL_IDENTITY_ISSUER,
      audience: options.audience,
      typ: 'memgate-identity+jwt',
      requiredClaims: ['exp', 'iat'],
      // Even a token signed with a longer lifetime is refused past ours.
      maxTokenAge: INTERNAL_IDENTITY_TTL_SECONDS + (options.clockToleranceSeconds ?? 5),
      clockTolerance: options.clockToleranceSeconds ?? 5,
    }));
  } catch (error) {
    throw new MemgateError(
      'UNAUTHENTICATED',
      'The internal identity is not one the gateway issued.',
      {
        cause: error,
      },
    );
  }
  const identity: InternalIdentity = {
    subject: typeof payload.sub === 'string' ? payload.sub : undefined,
    roles: strings(payload['roles']),
    scopes: strings(payload['scopes']),
  };
  remember(options.key.key, cacheKey, identity, payload);
  return identity;
}

/** Past this many remembered tokens per key, the memory starts over; it only saves work. */
const MAX_REMEMBERED = 10_000;

/** Verified tokens by verification key, then by audience and token. */
const verifiedTokens = new WeakMap<object, ExpiringMemo<InternalIdentity>>();

/**
 * Until the earlier of `exp` and the end of our lifetime from `iat`, without
 * the clock tolerance: a remembered token never outlives what a fresh
 * verification would accept.
 */
function remember(
  key: object,
  cacheKey: string,
  identity: InternalIdentity,
  payload: JWTPayload,
): void {
  if (payload.exp === undefined || payload.iat === undefined) return;
  const validUntilMs = Math.min(payload.exp, payload.iat + INTERNAL_IDENTITY_TTL_SECONDS) * 1000;
  let remembered = verifiedTokens.get(key);
  if (!remembered) {
    remembered = new ExpiringMemo(MAX_REMEMBERED);
    verifiedTokens.set(key, remembered);
  }
  remembered.set(cacheKey, identity, validUntilMs);
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
