import { context, isSpanContextValid, trace, type Context } from '@opentelemetry/api';
import { currentRequestId } from './request-context.js';

export interface CorrelationFields {
  trace_id?: string;
  span_id?: string;
  requestId?: string;
}

/**
 * The ids that tie a log line to its request and trace, named as the ELK
 * index template and Elastic's log correlation expect (`trace_id`,
 * `span_id`). Only the OpenTelemetry API is read here: without a tracer
 * provider there is no valid span and no fields.
 */
export function correlationFields(): CorrelationFields {
  const fields: CorrelationFields = traceFieldsOf(context.active());
  const requestId = currentRequestId();
  if (requestId !== undefined) fields.requestId = requestId;
  return fields;
}

/**
 * The trace fields of a given trace context, for a log line written where
 * that context is not the active one (a service without an async context
 * carries it explicitly; see TracingOptions.asyncContext).
 */
export function traceFieldsOf(traceContext: Context | undefined): CorrelationFields {
  const span = traceContext && trace.getSpanContext(traceContext);
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
