import type { RequestHandler } from 'express';
import type { CallerCheck, HttpRefusal } from '../http/index.js';
import type { InternalIdentityKey } from './internalIdentityKeys.js';
import {
  INTERNAL_IDENTITY_HEADER,
  verifyInternalIdentity,
  type InternalIdentity,
  type VerifyInternalIdentityOptions,
} from './internalIdentity.js';

/** Where the middleware leaves the verified identity for the subgraph's context function. */
export const INTERNAL_IDENTITY_LOCAL = 'memgateIdentity';

export interface RequireInternalIdentityOptions extends Omit<VerifyInternalIdentityOptions, 'key'> {
  /**
   * Undefined in development without a configured key: requests pass, but
   * one that carries an identity header is refused, since nothing here can
   * tell whether the gateway signed it.
   */
  key: InternalIdentityKey | undefined;
  /**
   * true: requests without the header are refused too, closing the subgraph
   * to everything but the gateway. false: they pass without an identity
   * (and `useGatewayOnlyFederationFields` still guards `_entities`).
   */
  required: boolean;
}

/**
 * What a check of the identity header decided: who called, or why they are
 * refused (each transport answers a refusal in its own shape).
 */
export type InternalIdentityCheck =
  | { readonly identity: InternalIdentity | undefined; readonly refused?: undefined }
  | { readonly refused: string };

/**
 * Verifies the identity header the gateway signs. A header that does not
 * verify is always refused: it is either forged or misconfigured, never to
 * be ignored.
 */
export async function checkInternalIdentity(
  token: string | undefined,
  options: RequireInternalIdentityOptions,
): Promise<InternalIdentityCheck> {
  if (token === undefined) {
    return options.required
      ? { refused: 'This service only answers the Memgate gateway.' }
      : { identity: undefined };
  }
  const { key } = options;
  if (key === undefined) {
    return { refused: 'This service is not configured to verify the gateway’s identity.' };
  }
  try {
    return { identity: await verifyInternalIdentity(token, { ...options, key }) };
  } catch {
    return { refused: 'The internal identity is not one the gateway issued.' };
  }
}

/** `checkInternalIdentity` as the caller check of a `graphqlRoute`, reading headers only. */
export function admitInternalIdentity(options: RequireInternalIdentityOptions): CallerCheck {
  return async (headers) => {
    const header = headers[INTERNAL_IDENTITY_HEADER];
    const check = await checkInternalIdentity(
      typeof header === 'string' ? header : undefined,
      options,
    );
    return check.refused === undefined ? undefined : identityRefusal(check.refused);
  };
}

/**
 * Express middleware of `checkInternalIdentity`: puts the identity in
 * `res.locals.memgateIdentity` or answers the refusal.
 */
export function requireInternalIdentity(options: RequireInternalIdentityOptions): RequestHandler {
  return (req, res, next) => {
    checkInternalIdentity(req.get(INTERNAL_IDENTITY_HEADER), options).then(
      (check) => {
        if (check.refused !== undefined) {
          const { status, headers = {}, body } = identityRefusal(check.refused);
          res.status(status).set(headers).json(body);
          return;
        }
        res.locals[INTERNAL_IDENTITY_LOCAL] = check.identity;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/**
 * A refused identity on a GraphQL route: 401 UNAUTHENTICATED, naming the
 * scheme it wants (RFC 9110) — the gateway's signed identity in
 * INTERNAL_IDENTITY_HEADER, not a client's bearer token.
 */
export function identityRefusal(message: string): HttpRefusal {
  return {
    status: 401,
    headers: { 'WWW-Authenticate': `MemgateIdentity header="${INTERNAL_IDENTITY_HEADER}"` },
    body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
  };
}
