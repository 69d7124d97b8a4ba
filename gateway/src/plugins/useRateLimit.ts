import type { Request, RequestHandler } from 'express';
import { sendGraphQLErrors } from '../http/graphqlErrorResponse.js';
import type { TokenBuckets } from '../limits/tokenBuckets.js';
import { clientIdOf } from '../limits/clientId.js';
import { principalOf } from '../security/principal.js';

/** Each operation of a batch counts, so batching cannot multiply a client's rate. */
function operationCount(req: Request): number {
  const body: unknown = req.body;
  return Array.isArray(body) ? Math.max(1, body.length) : 1;
}

/**
 * Per-client rate limiting of GraphQL requests, after authentication so a
 * signed-in client is limited by who it is rather than where it connects
 * from. Over the limit: 429 with `Retry-After` and RATE_LIMITED.
 */
export function useRateLimit(options: { buckets: TokenBuckets }): RequestHandler {
  return (req, res, next) => {
    const client = clientIdOf(principalOf(res.locals), req.ip);
    const admission = options.buckets.take(client, operationCount(req));
    if (admission.admitted) {
      next();
      return;
    }
    sendGraphQLErrors(
      req,
      res,
      429,
      [
        {
          message: `Too many requests; retry in ${admission.retryAfterSeconds} s.`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: admission.retryAfterSeconds },
        },
      ],
      { 'retry-after': String(admission.retryAfterSeconds) },
    );
  };
}
