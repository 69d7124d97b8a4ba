import { Counter, Gauge, type Registry } from 'prom-client';
import type { EngineStats } from './engine-stats.js';

const FIGURES = {
  memoryResidentBytes: [
    'memgate_engine_memory_resident_bytes',
    'Memory the engine process holds (Memgraph memory_res; Neo4j stand-in: JVM heap used).',
  ],
  memoryPeakBytes: [
    'memgate_engine_memory_peak_bytes',
    'Highest memory the engine process held (Memgraph peak_memory_res).',
  ],
  memoryTrackedBytes: [
    'memgate_engine_memory_tracked_bytes',
    'Memory the engine accounts against its limit (Memgraph memory_tracked).',
  ],
  memoryLimitBytes: [
    'memgate_engine_memory_limit_bytes',
    'The engine memory limit (Memgraph allocation_limit, set by --memory-limit; Neo4j stand-in: JVM max heap).',
  ],
  diskUsageBytes: [
    'memgate_engine_disk_usage_bytes',
    'Disk the engine uses for snapshots and the write-ahead log (Memgraph disk_usage).',
  ],
  nodes: ['memgate_engine_nodes', 'Nodes stored in the graph (Memgraph vertex_count).'],
  relationships: [
    'memgate_engine_relationships',
    'Relationships stored in the graph (Memgraph edge_count).',
  ],
} as const satisfies Record<keyof EngineStats, readonly [string, string]>;

/**
 * Memgraph's memory and storage figures, as the services poll them with
 * `SHOW STORAGE INFO`. `engine="neo4j"` marks the figures of the local
 * stand-in, which come from the nearest equivalents (JVM heap, count store).
 */
export class EngineMetrics {
  private readonly gauges: Record<keyof EngineStats, Gauge<'engine'>>;
  private readonly pollFailures: Counter<'engine'>;

  constructor(registry: Registry) {
    const gauges: Partial<Record<keyof EngineStats, Gauge<'engine'>>> = {};
    for (const [key, [name, help]] of Object.entries(FIGURES)) {
      gauges[key as keyof EngineStats] = new Gauge({
        name,
        help,
        labelNames: ['engine'],
        registers: [registry],
      });
    }
    this.gauges = gauges as Record<keyof EngineStats, Gauge<'engine'>>;
    this.pollFailures = new Counter({
      name: 'memgate_engine_stats_poll_failures_total',
      help: 'Polls of the engine storage figures that failed.',
      labelNames: ['engine'],
      registers: [registry],
    });
  }

  /** Sets every figure the engine reported; figures it did not report keep no value. */
  record(engine: string, stats: Partial<EngineStats>): void {
    for (const [key, value] of Object.entries(stats)) {
      if (typeof value === 'number' && Number.isFinite(value)) {
        this.gauges[key as keyof EngineStats].set({ engine }, value);
      }
    }
  }

  recordPollFailure(engine: string): void {
    this.pollFailures.inc({ engine });
  }
}
