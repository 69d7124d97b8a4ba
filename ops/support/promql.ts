import { parser } from '@prometheus-io/lezer-promql';

/**
 * Grafana replaces its variables before Prometheus sees a query; give the
 * parser values of the same kind (a duration, a regex) so it parses what
 * Prometheus would.
 */
export function withGrafanaVariables(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '5m')
    .replaceAll('$__interval', '1m')
    .replaceAll('$__range', '1h')
    .replace(/\$\{?(\w+)\}?/g, '.*');
}

export interface ParsedPromql {
  /** Metric names of every vector selector (`name{…}`). */
  readonly metrics: string[];
  /** Offsets of syntax errors; empty when the expression parses. */
  readonly errors: number[];
}

/** Parses with Prometheus' own PromQL grammar (the one its web UI uses). */
export function parsePromql(expr: string): ParsedPromql {
  const metrics: string[] = [];
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        metrics.push(expr.slice(node.from, node.to));
      }
    },
  });
  return { metrics, errors };
}
