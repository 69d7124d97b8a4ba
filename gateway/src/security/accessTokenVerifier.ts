import { ExpiringMemo } from '@memgate/platform/identity';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './authenticationError.js';
import { rolesOf, scopesOf } from './claims.js';
import type { UserPrincipal } from './principal.js';

export interface AccessTokenVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** The only `alg` values accepted; jose never accepts `none`. */
  algorithms: readonly string[];
  clockSkewSeconds: number;
  /** Where the roles are, e.g. `roles` or `realm_access.roles`. */
  rolesClaim: string;
}

export type AccessTokenVerifier = (token: string) => Promise<UserPrincipal>;

/**
 * How long a token that verified is taken without verifying it again. A
 * client sends the same token with every request, and a verification is a
 * signature check (~0.1 ms). A minute is short next to how long the signing
 * keys themselves are trusted once fetched (`MEMGATE_AUTH_JWKS_CACHE_SECONDS`,
 * 10 minutes by default), so a key the provider drops is trusted no longer
 * than before; and a remembered token never outlives its `exp`.
 */
export const REMEMBER_VERIFIED_MS = 60_000;
/** Past this many remembered tokens the memory starts over; it only saves work. */
const MAX_REMEMBERED = 10_000;

/**
 * OAuth2 access tokens (JWT, RFC 9068): signature by a trusted key with a
 * pinned algorithm, then `iss`, `aud`, `exp` and `sub`, all required. A token
 * that verified is remembered for REMEMBER_VERIFIED_MS; a refused one never.
 */
export function createAccessTokenVerifier(
  options: AccessTokenVerifierOptions,
): AccessTokenVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...options.algorithms],
    clockTolerance: options.clockSkewSeconds,
    requiredClaims: ['iss', 'aud', 'exp', 'sub'],
  };
  const remembered = new ExpiringMemo<UserPrincipal>(MAX_REMEMBERED);
  return async (token) => {
    const hit = remembered.get(token);
    if (hit) return hit;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, verifyOptions));
    } catch (error) {
      throw new AuthenticationError(describe(error), 'invalid_token', { cause: error });
    }
    const principal: UserPrincipal = {
      kind: 'user',
      // requiredClaims guarantees both.
      subject: String(payload.sub),
      expiresAt: Number(payload.exp),
      roles: rolesOf(payload, options.rolesClaim),
      scopes: scopesOf(payload),
    };
    remembered.set(
      token,
      principal,
      Math.min(principal.expiresAt * 1000, Date.now() + REMEMBER_VERIFIED_MS),
    );
    return principal;
  };
}

/**
 * What the client is told about its token: enough to fix a configuration
 * mistake, nothing about the gateway's keys.
 */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `The access token has no "${error.claim}" claim.`;
    if (error.claim === 'iss')
      return 'The access token was issued by an issuer this gateway does not trust.';
    if (error.claim === 'aud') return 'The access token is meant for another audience.';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'The access token is not valid yet.';
    return `The access token's "${error.claim}" claim is invalid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'The access token is signed with an algorithm this gateway does not accept.';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'The access token signature is invalid.';
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'No trusted key matches the access token.';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'The token signing keys cannot be fetched right now; try again later.';
  }
  return 'The access token is malformed.';
}
