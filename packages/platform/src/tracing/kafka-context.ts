import { context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';

/** kafkajs hands consumers header values as Buffers (producers may set strings or arrays). */
const kafkaGetter: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/**
 * Adds the active trace context to a message's headers, so the worker that
 * consumes it continues the producer's trace. Keeps the other headers.
 */
export function injectKafkaHeaders(
  headers: IHeaders = {},
  from: Context = context.active(),
): IHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return { ...headers, ...carrier };
}

/** The trace context a consumed message carries, on top of `base`. */
export function extractKafkaContext(
  headers: IHeaders | undefined,
  base: Context = context.active(),
): Context {
  return propagation.extract(base, headers ?? {}, kafkaGetter);
}
