import { context, isSpanContextValid, trace } from '@opentelemetry/api';
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
  const fields: CorrelationFields = {};
  const span = trace.getSpan(context.active())?.spanContext();
  if (span && isSpanContextValid(span)) {
    fields.trace_id = span.traceId;
    fields.span_id = span.spanId;
  }
  const requestId = currentRequestId();
  if (requestId !== undefined) fields.requestId = requestId;
  return fields;
}
