import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** On every series as `service`, so one Prometheus query spans all services. */
  readonly service: string;
  /** Process and Node.js runtime metrics (CPU, memory, event loop, GC); on by default. */
  readonly defaultMetrics?: boolean;
}

/**
 * A registry per service instead of prom-client's global one: tests build
 * several services in one process, and each must expose only its own series.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
}
