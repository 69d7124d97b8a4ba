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
 * OAuth2 access tokens (JWT, RFC 9068): signature by a trusted key with a
 * pinned algorithm, then `iss`, `aud`, `exp` and `sub`, all required.
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
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, verifyOptions));
    } catch (error) {
      throw new AuthenticationError(describe(error), 'invalid_token', { cause: error });
    }
    return {
      kind: 'user',
      // requiredClaims guarantees both.
      subject: String(payload.sub),
      expiresAt: Number(payload.exp),
      roles: rolesOf(payload, options.rolesClaim),
      scopes: scopesOf(payload),
    };
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
