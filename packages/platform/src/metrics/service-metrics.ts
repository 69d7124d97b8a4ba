import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { CypherMetrics } from './cypher-metrics.js';
import { EngineMetrics } from './engine-metrics.js';
import { GraphqlMetrics, type GraphqlMetricsOptions } from './graphql-metrics.js';
import { KafkaMetrics } from './kafka-metrics.js';
import { metricsHandler } from './metrics-handler.js';
import { createMetricsRegistry } from './registry.js';
import { SubgraphMetrics } from './subgraph-metrics.js';

export interface ServiceMetricsOptions {
  /** gateway, query, ingestion or worker: the `service` label on every series. */
  readonly service: string;
  readonly graphql?: GraphqlMetricsOptions;
  readonly defaultMetrics?: boolean;
}

/**
 * Every Memgate metric family on one per-service registry. Each service
 * records the families that concern it; the rest stay empty (HELP and TYPE
 * only, no series), so one dashboard fits every service.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly graphql: GraphqlMetrics;
  readonly subgraph: SubgraphMetrics;
  readonly cypher: CypherMetrics;
  readonly kafka: KafkaMetrics;
  readonly engine: EngineMetrics;
  /** Mount as `app.get('/metrics', metrics.handler)`. */
  readonly handler: RequestHandler;
}

export function createServiceMetrics(options: ServiceMetricsOptions): ServiceMetrics {
  const registry = createMetricsRegistry({
    service: options.service,
    defaultMetrics: options.defaultMetrics,
  });
  return {
    registry,
    graphql: new GraphqlMetrics(registry, options.graphql),
    subgraph: new SubgraphMetrics(registry),
    cypher: new CypherMetrics(registry),
    kafka: new KafkaMetrics(registry),
    engine: new EngineMetrics(registry),
    handler: metricsHandler(registry),
  };
}

/** Seconds since `start` (from `process.hrtime.bigint()`), for `observe({ seconds })`. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
