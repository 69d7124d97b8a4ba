import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import type { RequestHandler, Response } from 'express';
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
 * starts one), and hands it the span's context. With `asyncContext` (the
 * default) the span and the request id are also current for everything the
 * request does, log lines included; without, the caller carries the context
 * it was handed (see TracingOptions.asyncContext). The span ends when the
 * response is finished. Without a tracer there is no span.
 */
export function traceRequest(
  tracer: Tracer | undefined,
  request: TracedRequest,
  res: ServerResponse,
  handle: (active: Context) => void,
  asyncContext = true,
): void {
  const { method, path, requestId } = request;
  if (!tracer) {
    if (requestId && asyncContext) runWithRequestId(requestId, () => handle(ROOT_CONTEXT));
    else handle(ROOT_CONTEXT);
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
  if (!asyncContext) {
    handle(active);
    return;
  }
  const run = (): void => context.with(active, handle, undefined, active);
  if (requestId) runWithRequestId(requestId, run);
  else run();
}

const TRACE_CONTEXT = 'traceContext';

/**
 * Express middleware of `traceRequest`. Mount it after `assignRequestId`,
 * before the routes; the request's trace context is then `traceContextOf(res)`.
 */
export function traceRequests(tracer: Tracer, asyncContext = true): RequestHandler {
  return (req, res, next) => {
    const requestId = res.locals['requestId'] as string | undefined;
    traceRequest(
      tracer,
      { method: req.method, path: req.path, headers: req.headers, requestId },
      res,
      (active) => {
        res.locals[TRACE_CONTEXT] = active;
        next();
      },
      asyncContext,
    );
  };
}

/** The trace context `traceRequests` started the request's span in, if it ran. */
export function traceContextOf(res: Response): Context | undefined {
  return res.locals[TRACE_CONTEXT] as Context | undefined;
}
