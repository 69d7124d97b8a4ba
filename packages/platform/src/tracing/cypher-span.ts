import { SpanKind, type Attributes, type Tracer } from '@opentelemetry/api';
import { runInSpan } from './run-in-span.js';

export interface CypherSpanOptions {
  /** The compiled operation kind (root field kind, writer statement kind), never the text. */
  readonly operation: string;
  readonly mode: 'read' | 'write';
  /** The engine at the other end; Memgraph in production, Neo4j as the local stand-in. */
  readonly engine?: string;
  /** Only when MEMGATE_TRACE_CYPHER_TEXT is on: texts are long and reveal the schema. */
  readonly text?: string;
  readonly attributes?: Attributes;
}

/**
 * Runs one Cypher execution inside a client span named after its operation
 * kind, with OpenTelemetry database attributes. `db.system` stays
 * "memgraph" on the local stand-in too (`memgate.engine` tells them apart),
 * so dashboards and trace queries match in every environment.
 */
export async function withCypherSpan<T>(
  tracer: Tracer,
  options: CypherSpanOptions,
  run: () => Promise<T>,
): Promise<T> {
  const attributes: Attributes = {
    'db.system': 'memgraph',
    'db.system.name': 'memgraph',
    'db.operation.name': options.operation,
    'memgate.cypher.mode': options.mode,
    ...(options.engine ? { 'memgate.engine': options.engine } : {}),
    ...(options.text ? { 'db.query.text': options.text } : {}),
    ...options.attributes,
  };
  const span = tracer.startSpan(`cypher ${options.mode} ${options.operation}`, {
    kind: SpanKind.CLIENT,
    attributes,
  });
  return runInSpan(span, async () => {
    const result = await run();
    if (Array.isArray(result)) span.setAttribute('db.response.returned_rows', result.length);
    return result;
  });
}
