import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Only ids that are safe to copy into log lines and response headers are
 * taken from the client; anything else is replaced by a fresh one.
 */
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives every HTTP request an id, the caller's own `x-request-id` when it
 * sends one, and answers with it, so a client can quote it and an operator
 * can find every log line of that request, in the gateway and its subgraphs.
 */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.get(REQUEST_ID_HEADER);
  const requestId = given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  res.locals['requestId'] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  next();
};

export function requestIdOf(res: Response): string {
  const id: unknown = res.locals['requestId'];
  // Only reachable if a route bypassed assignRequestId; never leave the id blank.
  return typeof id === 'string' ? id : randomUUID();
}
