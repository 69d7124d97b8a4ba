import type { IncomingHttpHeaders } from 'node:http';
import { context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api';

type HeaderBag = IncomingHttpHeaders | Readonly<Record<string, string | string[] | undefined>>;

/** Node lower-cases incoming header names; repeated headers arrive as arrays. */
const incoming: TextMapGetter<HeaderBag> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key.toLowerCase()],
};

/** The trace context a caller sent (traceparent / tracestate / baggage), on top of `base`. */
export function extractHttpContext(headers: HeaderBag, base: Context = context.active()): Context {
  return propagation.extract(base, headers, incoming);
}

/**
 * Adds the active (or given) trace context to outgoing request headers and
 * returns them, e.g. `fetch(url, { headers: injectHttpHeaders({ ... }) })`.
 */
export function injectHttpHeaders(
  headers: Record<string, string> = {},
  from: Context = context.active(),
): Record<string, string> {
  propagation.inject(from, headers);
  return headers;
}
