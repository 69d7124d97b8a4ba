import { boolVar, enumVar, optionalUrlVar } from '../config/index.js';

/**
 * Tracing is always on inside a process (spans exist, trace context is
 * propagated and logged); only exporting them is opt-in, because an OTLP
 * endpoint that is not there costs retries and memory.
 */
export const tracingConfig = {
  exporter: enumVar('MEMGATE_TRACES_EXPORTER', {
    description:
      'Where finished spans go: none (default; trace ids still reach logs and headers) or otlp (OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT).',
    values: ['none', 'otlp'],
    default: 'none',
  }),
  otlpEndpoint: optionalUrlVar('OTEL_EXPORTER_OTLP_ENDPOINT', {
    description:
      'OTLP/HTTP base URL of a collector, e.g. http://otel-collector:4318 (spans go to /v1/traces). Setting it alone turns export on.',
    protocols: ['http', 'https'],
  }),
  cypherText: boolVar('MEMGATE_TRACE_CYPHER_TEXT', {
    description:
      'Put the Cypher text on database spans (db.query.text). Off: texts can be long and reveal the schema; the compiled operation kind is always there.',
    default: false,
  }),
};
