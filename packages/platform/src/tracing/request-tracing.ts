import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { runWithRequestId } from '../logging/index.js';
import { extractHttpContext } from './http-context.js';

/**
 * Express middleware: continues the caller's trace (or starts one) in a
 * server span around the request, and makes the span and the request id
 * current for everything the request does, log lines included. Mount it
 * after `assignRequestId`, before the routes.
 */
export function traceRequests(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    const parent = extractHttpContext(req.headers);
    const span = tracer.startSpan(
      `${req.method} ${req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path },
      },
      parent,
    );
    const requestId = res.locals['requestId'] as string | undefined;
    if (requestId) span.setAttribute('memgate.request_id', requestId);
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    const active = trace.setSpan(parent, span);
    const run = (): void => context.with(active, next);
    if (requestId) runWithRequestId(requestId, run);
    else run();
  };
}
