import type { RequestHandler } from 'express';
import { sendGraphQLErrors } from '../http/graphqlErrorResponse.js';
import type { AccessTokenVerifier } from '../security/accessTokenVerifier.js';
import { AuthenticationError } from '../security/authenticationError.js';
import { bearerTokenOf } from '../security/bearerToken.js';
import { ANONYMOUS, PRINCIPAL_LOCAL, type Principal } from '../security/principal.js';

/**
 * Authenticates every GraphQL HTTP request: no token makes the caller
 * anonymous (the anonymous-access guard decides per operation type), a
 * token that does not verify is a 401 with a `WWW-Authenticate` challenge
 * (RFC 6750) and never falls back to anonymous.
 */
export function useAuthentication(options: { verify: AccessTokenVerifier }): RequestHandler {
  return (req, res, next) => {
    const authenticate = async (): Promise<Principal> => {
      const token = bearerTokenOf(req.get('authorization'));
      return token === undefined ? ANONYMOUS : options.verify(token);
    };
    authenticate().then(
      (principal) => {
        res.locals[PRINCIPAL_LOCAL] = principal;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof AuthenticationError)) {
          next(error);
          return;
        }
        sendGraphQLErrors(
          req,
          res,
          401,
          [{ message: error.message, extensions: { code: error.code } }],
          { 'www-authenticate': error.challenge() },
        );
      },
    );
  };
}
