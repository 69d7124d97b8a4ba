import { Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './buckets.js';

export interface SubgraphFetchObservation {
  /** A subgraph name from the supergraph (a closed set). */
  readonly subgraph: string;
  readonly outcome: 'success' | 'error';
  readonly seconds: number;
}

/** The gateway's fetches to each subgraph: latency, and by outcome the error count. */
export class SubgraphMetrics {
  private readonly duration: Histogram<'subgraph' | 'outcome'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'memgate_subgraph_fetch_duration_seconds',
      help: 'Time of one gateway fetch to a subgraph, by subgraph and outcome.',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  observe(observation: SubgraphFetchObservation): void {
    this.duration.observe(
      { subgraph: observation.subgraph, outcome: observation.outcome },
      observation.seconds,
    );
  }
}
