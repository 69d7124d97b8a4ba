import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { runWithRequestId } from '../logging/index.js';
import { extractHttpContext } from './http-context.js';

export interface TracedRequest {
  readonly method: string;
  /** The path without the query string: span names must not carry variables. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly requestId: string | undefined;
}

/**
 * Runs `handle` inside a server span that continues the caller's trace (or
 * starts one), with the span and the request id current for everything the
 * request does, log lines included. The span ends when the response is
 * finished. Without a tracer only the request id is made current.
 */
export function traceRequest(
  tracer: Tracer | undefined,
  request: TracedRequest,
  res: ServerResponse,
  handle: () => void,
): void {
  const { method, path, requestId } = request;
  if (!tracer) {
    if (requestId) runWithRequestId(requestId, handle);
    else handle();
    return;
  }
  const parent = extractHttpContext(request.headers);
  const span = tracer.startSpan(
    `${method} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'url.path': path },
    },
    parent,
  );
  if (requestId) span.setAttribute('memgate.request_id', requestId);
  res.once('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  const active = trace.setSpan(parent, span);
  const run = (): void => context.with(active, handle);
  if (requestId) runWithRequestId(requestId, run);
  else run();
}

/**
 * Express middleware of `traceRequest`. Mount it after `assignRequestId`,
 * before the routes.
 */
export function traceRequests(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    const requestId = res.locals['requestId'] as string | undefined;
    traceRequest(
      tracer,
      { method: req.method, path: req.path, headers: req.headers, requestId },
      res,
      () => next(),
    );
  };
}
