import { Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label.js';
import { LATENCY_BUCKETS, SIZE_BUCKETS } from './buckets.js';

export interface CypherObservation {
  /**
   * What kind of statement the compiler produced, never its text: the root
   * field kind (`list`, `byKey`, `connection`, `aggregate`…) or a writer's
   * statement kind (`upsertNodes`, `offsets`…).
   */
  readonly kind: string;
  readonly mode: 'read' | 'write';
  readonly outcome: 'success' | 'error' | 'timeout';
  readonly seconds: number;
  /** Rows returned; omit when the statement failed. */
  readonly rows?: number;
}

/** Cypher statement latency and result size by compiled operation kind. */
export class CypherMetrics {
  private readonly duration: Histogram<'kind' | 'mode' | 'outcome'>;
  private readonly rows: Histogram<'kind' | 'mode'>;
  // Kinds come from code, not users; the cap only guards against a bug.
  private readonly kinds = new BoundedLabel({ max: 50, pattern: /^[A-Za-z][\w.-]{0,63}$/ });

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'memgate_cypher_query_duration_seconds',
      help: 'Time of one Cypher transaction, by compiled operation kind, access mode and outcome.',
      labelNames: ['kind', 'mode', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.rows = new Histogram({
      name: 'memgate_cypher_result_rows',
      help: 'Rows one Cypher statement returned, by compiled operation kind and access mode.',
      labelNames: ['kind', 'mode'],
      buckets: SIZE_BUCKETS,
      registers: [registry],
    });
  }

  observe(observation: CypherObservation): void {
    const kind = this.kinds.value(observation.kind);
    this.duration.observe(
      { kind, mode: observation.mode, outcome: observation.outcome },
      observation.seconds,
    );
    if (observation.rows !== undefined) {
      this.rows.observe({ kind, mode: observation.mode }, observation.rows);
    }
  }
}
