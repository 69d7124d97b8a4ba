import { createHash, timingSafeEqual } from 'node:crypto';
import { MemgateError } from '@memgate/platform/errors';
import {
  checkInternalIdentity,
  INTERNAL_IDENTITY_HEADER,
  INTERNAL_IDENTITY_LOCAL,
} from '@memgate/platform/identity';
import type { RequestHandler, Response } from 'express';
import { INGESTION_AUDIENCE, type IngestionAccess } from './ingestion-access.js';

/** The realm a refused REST caller is told to authenticate for (RFC 6750 §3). */
const REALM = 'memgate-ingestion';

/**
 * Guards `POST /ingest/{source}` and `GET /ingest/receipts/{id}`.
 *
 * The gateway does not proxy REST, so these routes are called directly by
 * producers (the `memgate ingest` CLI, ETL jobs) that cannot show the
 * gateway's signed identity. A caller proves who it is with either:
 * - `Authorization: Bearer <token>`, one of MEMGATE_INGEST_TOKENS (a
 *   producer's credential, compared in constant time), or
 * - the gateway's `x-memgate-identity`, verified as on /graphql (a caller
 *   inside the trust boundary holding the gateway's key), for a signed-in
 *   caller with one of MEMGATE_AUTH_WRITER_ROLES: the gateway signs an
 *   identity for every caller it forwards, readers and anonymous ones
 *   included, so the signature alone says nothing about writing.
 *
 * In production (or with MEMGATE_INTERNAL_IDENTITY_REQUIRED) a request with
 * neither is refused; elsewhere it passes, as /graphql does. A credential
 * that is sent but does not verify is always refused, whatever the mode:
 * it is forged or misconfigured, never something to ignore. Refusals are
 * 401 UNAUTHENTICATED in the REST error shape, with `WWW-Authenticate`.
 */
export function requireRestCaller(access: IngestionAccess): RequestHandler {
  const known = access.restTokens.map(digest);
  const tokenKnown = (token: string): boolean => {
    const given = digest(token);
    // Every token is compared, so the time taken tells nothing about which matched.
    return known.reduce((found, candidate) => timingSafeEqual(candidate, given) || found, false);
  };

  return (req, res, next) => {
    const identity = req.get(INTERNAL_IDENTITY_HEADER);
    const authorization = req.get('authorization');
    if (identity !== undefined) {
      checkInternalIdentity(identity, {
        key: access.identityKey,
        audience: INGESTION_AUDIENCE,
        required: true,
      }).then(
        (check) => {
          if (check.refused !== undefined) {
            refuse(res, check.refused);
            return;
          }
          const verified = check.identity;
          if (
            verified?.subject === undefined ||
            !verified.roles.some((role) => access.writerRoles.includes(role))
          ) {
            forbid(res, 'The ingestion routes need a signed-in caller with a writer role.');
            return;
          }
          res.locals[INTERNAL_IDENTITY_LOCAL] = verified;
          next();
        },
        (error: unknown) => next(error),
      );
      return;
    }
    if (authorization !== undefined) {
      const token = /^Bearer +([^\s]+) *$/i.exec(authorization)?.[1];
      if (token === undefined) {
        refuse(res, 'The Authorization header must be `Bearer <token>`.', 'invalid_request');
      } else if (!tokenKnown(token)) {
        refuse(res, 'The bearer token is not one of MEMGATE_INGEST_TOKENS.', 'invalid_token');
      } else {
        next();
      }
      return;
    }
    if (access.required) {
      refuse(
        res,
        'This route needs `Authorization: Bearer <token>` (MEMGATE_INGEST_TOKENS) or the gateway’s identity.',
      );
      return;
    }
    next();
  };
}

function forbid(res: Response, message: string): void {
  const refusal = new MemgateError('FORBIDDEN', message);
  res.status(refusal.httpStatus).json(refusal.toJSON());
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function refuse(res: Response, message: string, error?: 'invalid_request' | 'invalid_token'): void {
  const refusal = new MemgateError('UNAUTHENTICATED', message);
  // An upload's body is not worth receiving once refused: close instead of
  // draining it. A request without a body (a receipt GET) keeps its connection.
  const hasBody =
    res.req.headers['transfer-encoding'] !== undefined ||
    Number(res.req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !res.req.readableEnded) res.set('Connection', 'close');
  res
    .status(refusal.httpStatus)
    .set('WWW-Authenticate', `Bearer realm="${REALM}"${error ? `, error="${error}"` : ''}`)
    .json(refusal.toJSON());
}
