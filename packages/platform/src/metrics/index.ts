export { BoundedLabel, OTHER } from './bounded-label.js';
export type { BoundedLabelOptions } from './bounded-label.js';
export { LATENCY_BUCKETS, SIZE_BUCKETS } from './buckets.js';
export { createMetricsRegistry } from './registry.js';
export type { MetricsRegistryOptions } from './registry.js';
export { metricsHandler } from './metrics-handler.js';
export { GraphqlMetrics } from './graphql-metrics.js';
export type {
  GraphqlMetricsOptions,
  GraphqlObservation,
  GraphqlOperationType,
  GraphqlOutcome,
} from './graphql-metrics.js';
export { SubgraphMetrics } from './subgraph-metrics.js';
export type { SubgraphFetchObservation } from './subgraph-metrics.js';
export { CypherMetrics } from './cypher-metrics.js';
export type { CypherObservation } from './cypher-metrics.js';
export { CIRCUIT_STATE_VALUE, KafkaMetrics } from './kafka-metrics.js';
export type { AppliedRecords, CircuitState } from './kafka-metrics.js';
export { EngineMetrics } from './engine-metrics.js';
export {
  MEMGRAPH_STORAGE_INFO,
  NEO4J_STATS_QUERIES,
  parseByteSize,
  parseNeo4jStats,
  parseStorageInfo,
  readEngineStats,
} from './engine-stats.js';
export type { EngineName, EngineStats, RunStatsQuery } from './engine-stats.js';
export { startEngineStatsPoller } from './engine-poller.js';
export type { EngineStatsPollerOptions } from './engine-poller.js';
export { readConsumerLag, startConsumerLagPoller } from './consumer-lag.js';
export type { ConsumerLagPollerOptions, PartitionLag } from './consumer-lag.js';
export { startPoller } from './poller.js';
export type { Poller } from './poller.js';
export { createServiceMetrics, secondsSince } from './service-metrics.js';
export type { ServiceMetrics, ServiceMetricsOptions } from './service-metrics.js';
export { declaredFamilies, parseExposition, sampleValue } from './exposition.js';
export type { Sample } from './exposition.js';
export { apolloMetricsPlugin } from './apollo-metrics-plugin.js';
export type { MetricsPlugin } from './apollo-metrics-plugin.js';
