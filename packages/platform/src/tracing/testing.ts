import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export { InMemorySpanExporter };
export type { ReadableSpan };

/** One line per span, indented under its parent: a readable trace for tests and notes. */
export function renderTraceTree(spans: readonly ReadableSpan[]): string {
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    byParent.set(key, [...(byParent.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number): void => {
    const children = [...(byParent.get(parent) ?? [])].sort(
      (a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1],
    );
    for (const span of children) {
      const service = String(span.resource.attributes['service.name'] ?? '?');
      lines.push(`${'  '.repeat(depth)}${service}: ${span.name}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}
