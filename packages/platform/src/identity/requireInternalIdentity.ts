import type { RequestHandler, Response } from 'express';
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
 * Express middleware for a subgraph's GraphQL route: verifies the identity
 * header the gateway signs and puts the identity in
 * `res.locals.memgateIdentity`. A header that does not verify is always
 * refused (401): it is either forged or misconfigured, never to be ignored.
 */
export function requireInternalIdentity(options: RequireInternalIdentityOptions): RequestHandler {
  return (req, res, next) => {
    const token = req.get(INTERNAL_IDENTITY_HEADER);
    if (token === undefined) {
      if (!options.required) {
        next();
        return;
      }
      refuse(res, 'This service only answers the Memgate gateway.');
      return;
    }
    const { key } = options;
    if (key === undefined) {
      refuse(res, 'This service is not configured to verify the gateway’s identity.');
      return;
    }
    verifyInternalIdentity(token, { ...options, key }).then(
      (identity: InternalIdentity) => {
        res.locals[INTERNAL_IDENTITY_LOCAL] = identity;
        next();
      },
      () => {
        refuse(res, 'The internal identity is not one the gateway issued.');
      },
    );
  };
}

/**
 * A 401 names the scheme it wants (RFC 9110): the gateway's signed identity
 * in INTERNAL_IDENTITY_HEADER, not a client's bearer token.
 */
function refuse(res: Response, message: string): void {
  res
    .status(401)
    .set('WWW-Authenticate', `MemgateIdentity header="${INTERNAL_IDENTITY_HEADER}"`)
    .json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}
