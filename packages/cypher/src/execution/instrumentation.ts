import type { CypherMetrics } from '@memgate/platform/metrics';
import { withCypherSpan, type Tracer } from '@memgate/platform/tracing';
import { MemgateError } from '@memgate/platform/errors';

/** What a GraphClient reports per statement; both optional. */
export interface GraphInstrumentation {
  readonly tracer?: Tracer;
  readonly metrics?: CypherMetrics;
  /** Put the statement text on spans (MEMGATE_TRACE_CYPHER_TEXT). */
  readonly cypherText?: boolean;
}

export interface StatementInfo {
  readonly kind: string;
  readonly mode: 'read' | 'write';
  readonly engine: string;
  readonly text: string;
}

/** Runs `work` inside a span and records its latency, rows and outcome. */
export async function instrumented<T>(
  instrumentation: GraphInstrumentation | undefined,
  info: StatementInfo,
  work: () => Promise<T[]>,
): Promise<T[]> {
  if (!instrumentation?.tracer && !instrumentation?.metrics) return work();
  const started = process.hrtime.bigint();
  const observe = (outcome: 'success' | 'error' | 'timeout', rows?: number): void => {
    instrumentation.metrics?.observe({
      kind: info.kind,
      mode: info.mode,
      outcome,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      ...(rows === undefined ? {} : { rows }),
    });
  };
  const measured = async (): Promise<T[]> => {
    try {
      const records = await work();
      observe('success', records.length);
      return records;
    } catch (error) {
      const timedOut = error instanceof MemgateError && error.code === 'QUERY_TIMEOUT';
      observe(timedOut ? 'timeout' : 'error');
      throw error;
    }
  };
  if (!instrumentation.tracer) return measured();
  return withCypherSpan(
    instrumentation.tracer,
    {
      operation: info.kind,
      mode: info.mode,
      engine: info.engine,
      ...(instrumentation.cypherText ? { text: info.text } : {}),
    },
    measured,
  );
}
