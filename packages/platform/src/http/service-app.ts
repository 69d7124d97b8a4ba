import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { MemgateError } from '../errors/index.js';
import type { Logger } from '../logging/index.js';
import { traceRequests, type Tracer } from '../tracing/index.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';

export interface ServiceAppOptions {
  readonly logger: Logger;
  /** What /readyz checks: engine, broker, schema loaded, consumer assigned… */
  readonly readiness: readonly ReadinessCheck[];
  /** Serves `/metrics` from this service's registry. */
  readonly metrics?: { readonly handler: RequestHandler };
  /** Continues callers' traces: a server span around every request. */
  readonly tracer?: Tracer;
  /**
   * Whether the request's span and id follow every await (default true);
   * without, routes take the trace context from `traceContextOf(res)`.
   */
  readonly asyncContext?: boolean;
}

/** Takes the caller's request id (the gateway sends one) or makes one, and echoes it. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
  res.locals['requestId'] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
};

/**
 * The HTTP shell every Memgate service shares: request ids, liveness at
 * /healthz (the process answers), readiness at /readyz (its dependencies
 * answer), and errors as JSON bodies. Routes of the service go in between
 * with `mount`; the 404 and error handlers come last with `finish`.
 */
export function createServiceApp(options: ServiceAppOptions): {
  app: Express;
  finish: () => void;
} {
  const app = express();
  app.disable('x-powered-by');
  // Express hashes every response body it sends for a weak ETag, POST
  // results included, where no client can use one: a SHA-1 of each
  // GraphQL response for nothing. Caches of GET queries go by Cache-Control.
  app.disable('etag');
  app.use(assignRequestId);
  if (options.tracer) app.use(traceRequests(options.tracer, options.asyncContext ?? true));
  if (options.metrics) app.get('/metrics', options.metrics.handler);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(options.readiness);
    res
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ok' : 'unavailable', ...report });
  });
  const finish = (): void => {
    app.use((_req, res) => {
      const error = new MemgateError('NOT_FOUND', 'No such route.');
      res.status(error.httpStatus).json(error.toJSON());
    });
    app.use(jsonErrors(options.logger));
  };
  return { app, finish };
}

/** Maps body-parser errors and MemgateErrors to their status; anything else is a logged 500. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toMemgateError(error);
    if (known.code === 'INTERNAL_SERVER_ERROR') {
      logger.error(
        { err: error, requestId: res.locals['requestId'], path: req.path },
        'request failed',
      );
    }
    res.status(known.httpStatus).json(known.toJSON());
  };
}

function toMemgateError(error: unknown): MemgateError {
  if (error instanceof MemgateError) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return new MemgateError(
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than ${limit ?? 'the limit'} bytes.`,
      {
        details: { limitBytes: limit },
      },
    );
  }
  if (type === 'entity.parse.failed')
    return new MemgateError('BAD_REQUEST', 'The request body is not valid JSON.');
  return new MemgateError('INTERNAL_SERVER_ERROR', 'Internal server error.', { cause: error });
}
