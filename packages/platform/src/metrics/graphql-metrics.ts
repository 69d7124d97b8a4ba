import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label.js';
import { LATENCY_BUCKETS } from './buckets.js';

/**
 * How an operation ended. `partial`: data and errors (one subgraph failed);
 * `rejected`: refused before execution (parse, validation, auth, limits).
 */
export type GraphqlOutcome = 'success' | 'partial' | 'error' | 'rejected';
export type GraphqlOperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

export interface GraphqlObservation {
  /** The client's operation name; bounded before it becomes a label. */
  readonly operation: string | null | undefined;
  readonly type?: GraphqlOperationType;
  readonly outcome: GraphqlOutcome;
  readonly seconds: number;
}

export interface GraphqlMetricsOptions {
  /** Operation names always kept as labels (e.g. persisted or known operations). */
  readonly knownOperations?: Iterable<string>;
  /** Most distinct other names kept; later ones count as `other`. Default 100. */
  readonly maxOperations?: number;
}

/** GraphQL operations by bounded name, type and outcome; active subscriptions. */
export class GraphqlMetrics {
  private readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly subscriptions: Gauge;
  private readonly names: BoundedLabel;

  constructor(registry: Registry, options: GraphqlMetricsOptions = {}) {
    this.names = new BoundedLabel({
      max: options.maxOperations ?? 100,
      allow: options.knownOperations ?? [],
    });
    const labelNames = ['operation', 'type', 'outcome'] as const;
    this.operations = new Counter({
      name: 'memgate_graphql_operations_total',
      help: 'GraphQL operations handled, by operation name (bounded), type and outcome.',
      labelNames,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'memgate_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response.',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.subscriptions = new Gauge({
      name: 'memgate_graphql_active_subscriptions',
      help: 'GraphQL subscriptions currently open.',
      registers: [registry],
    });
  }

  observe(observation: GraphqlObservation): void {
    const labels = {
      operation: this.names.value(observation.operation),
      type: observation.type ?? 'unknown',
      outcome: observation.outcome,
    };
    this.operations.inc(labels);
    this.duration.observe(labels, observation.seconds);
  }

  subscriptionOpened(): void {
    this.subscriptions.inc();
  }

  subscriptionClosed(): void {
    this.subscriptions.dec();
  }
}
