/**
 * Latency buckets in seconds, from 1 ms to 30 s: GraphQL operations and
 * Cypher reads are mostly milliseconds, but a timeout (10 s by default) or a
 * bulk write must land in a bucket rather than in +Inf only.
 */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

/** Result rows and Kafka batch sizes: powers of four from 1 to 64k. */
export const SIZE_BUCKETS = [0, 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536];
