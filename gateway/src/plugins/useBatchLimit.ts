import type { RequestHandler } from 'express';
import { sendGraphQLErrors } from '../http/graphqlErrorResponse.js';

/**
 * GraphQL-over-HTTP batching (a JSON array of operations in one POST) is
 * bounded, or refused when `maxBatchSize` is 0. Checked before anything is
 * parsed, so a huge batch costs nothing but its body.
 */
export function useBatchLimit(options: { maxBatchSize: number }): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body) || (options.maxBatchSize > 0 && body.length <= options.maxBatchSize)) {
      next();
      return;
    }
    const message =
      options.maxBatchSize === 0
        ? 'Batched requests are not accepted; send one operation per request.'
        : `A batch may hold at most ${options.maxBatchSize} operations; this one holds ${body.length}.`;
    sendGraphQLErrors(req, res, 400, [
      { message, extensions: { code: 'BAD_REQUEST', maxBatchSize: options.maxBatchSize } },
    ]);
  };
}
