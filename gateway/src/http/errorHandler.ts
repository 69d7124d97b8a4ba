import type { ErrorRequestHandler } from 'express';
import { MemgateError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import { requestIdOf } from './requestId.js';

/**
 * The body parser reports a rejected body as an error carrying a `type` and
 * an HTTP `status`; these become Memgate's JSON errors so a client sees the
 * same `{ error: { code, message } }` shape from every HTTP endpoint.
 */
function bodyError(error: unknown, maxBodyBytes: number): MemgateError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return new MemgateError(
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${maxBodyBytes} bytes.`,
        { details: { limit: maxBodyBytes } },
      );
    case 'entity.parse.failed':
      return new MemgateError('BAD_REQUEST', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new MemgateError(
        'UNSUPPORTED_MEDIA_TYPE',
        'The request body encoding or charset is not supported.',
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return new MemgateError('BAD_REQUEST', 'The request body was incomplete.');
    default:
      return undefined;
  }
}

export function errorHandler(options: { maxBodyBytes: number; logger: Logger }): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const known = bodyError(error, options.maxBodyBytes);
    const answer =
      known ?? new MemgateError('INTERNAL_SERVER_ERROR', 'Internal server error', { cause: error });
    if (!known) {
      options.logger.error({ err: error, requestId: requestIdOf(res) }, 'unhandled HTTP error');
    }
    if (res.headersSent) return;
    res.status(answer.httpStatus).json(answer.toJSON());
  };
}
