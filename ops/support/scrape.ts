import {
  createServiceMetrics,
  declaredFamilies,
  type ServiceMetrics,
} from '@memgate/platform/metrics';

/**
 * Metric families the dashboards and rules may name although no Memgate
 * service exports them: Prometheus records them for every scrape target.
 */
export const PROMETHEUS_SERIES = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
]);

/** One observation in every Memgate family, as the services will record them. */
function exercise(metrics: ServiceMetrics): void {
  metrics.graphql.observe({
    operation: 'People',
    type: 'query',
    outcome: 'success',
    seconds: 0.01,
  });
  metrics.graphql.subscriptionOpened();
  metrics.subgraph.observe({ subgraph: 'query', outcome: 'success', seconds: 0.005 });
  metrics.cypher.observe({
    kind: 'list',
    mode: 'read',
    outcome: 'success',
    seconds: 0.002,
    rows: 3,
  });
  metrics.kafka.recordProduced('memgate.graph-ops', 1);
  metrics.kafka.recordBatch('memgate.graph-ops', 'memgate-writers', 1);
  metrics.kafka.setLag('memgate.graph-ops', 0, 'memgate-writers', 0);
  metrics.kafka.recordRetry('memgate.graph-ops', 'transient');
  metrics.kafka.recordDeadLetter('memgate.graph-ops', 'invalid_record');
  metrics.kafka.setCircuitState('graph-writes', 'closed');
  metrics.engine.record('memgraph', {
    memoryResidentBytes: 1,
    memoryPeakBytes: 1,
    memoryTrackedBytes: 1,
    memoryLimitBytes: 2,
    diskUsageBytes: 1,
    nodes: 1,
    relationships: 1,
  });
  metrics.engine.recordPollFailure('memgraph');
}

/**
 * `/metrics` texts to check names against. With MEMGATE_METRICS_URLS
 * (comma-separated, e.g. http://localhost:4000/metrics,http://localhost:4001/metrics)
 * the running services are scraped; otherwise registries built by the
 * metrics module, one per service, each family exercised once.
 */
export async function scrapeTexts(
  urls = (process.env['MEMGATE_METRICS_URLS'] ?? '').split(',').filter(Boolean),
): Promise<string[]> {
  if (urls.length > 0) {
    return Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.text();
      }),
    );
  }
  return Promise.all(
    ['gateway', 'query', 'ingestion', 'worker'].map(async (service) => {
      const metrics = createServiceMetrics({ service });
      exercise(metrics);
      return metrics.registry.metrics();
    }),
  );
}

/**
 * Every series name a PromQL selector can match in these scrapes: each
 * declared family, and for histograms and summaries their _bucket, _sum and
 * _count series.
 */
export function seriesNames(texts: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const text of texts) {
    for (const [family, type] of declaredFamilies(text)) {
      names.set(family, type);
      if (type === 'histogram' || type === 'summary') {
        for (const suffix of ['_bucket', '_sum', '_count']) names.set(`${family}${suffix}`, type);
      }
    }
  }
  return names;
}
