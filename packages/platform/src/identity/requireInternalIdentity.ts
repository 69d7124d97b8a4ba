import type { RequestHandler } from 'express';
import {
  INTERNAL_IDENTITY_HEADER,
  verifyInternalIdentity,
  type InternalIdentity,
  type VerifyInternalIdentityOptions,
} from './internalIdentity.js';

/** Where the middleware leaves the verified identity for the subgraph's context function. */
export const INTERNAL_IDENTITY_LOCAL = 'memgateIdentity';

export interface RequireInternalIdentityOptions extends VerifyInternalIdentityOptions {
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
      res.status(401).json(refusal('This service only answers the Memgate gateway.'));
      return;
    }
    verifyInternalIdentity(token, options).then(
      (identity: InternalIdentity) => {
        res.locals[INTERNAL_IDENTITY_LOCAL] = identity;
        next();
      },
      () => {
        res.status(401).json(refusal('The internal identity is not one the gateway issued.'));
      },
    );
  };
}

function refusal(message: string): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
}
