import { formatCount, formatMs, formatRate } from '../../lib/format.js';
import type { LoadResult } from '../../lib/load-driver.js';
import { barChartSvg, lineChartSvg } from '../../lib/svg/index.js';
import type { Column } from '../../lib/table.js';

/** One measured case: one probe at one concurrency. */
export interface CaseResult extends LoadResult {
  readonly probe: string;
}

const caseName = (result: CaseResult): string => `${result.probe} ×${result.concurrency}`;

export const TABLE_COLUMNS: readonly Column<CaseResult>[] = [
  { header: 'probe', value: (r) => r.probe },
  { header: 'conc', align: 'right', value: (r) => String(r.concurrency) },
  { header: 'requests', align: 'right', value: (r) => formatCount(r.completed) },
  { header: 'errors', align: 'right', value: (r) => formatCount(r.errors) },
  { header: 'p50 ms', align: 'right', value: (r) => formatMs(r.latency.p50Ms) },
  { header: 'p90 ms', align: 'right', value: (r) => formatMs(r.latency.p90Ms) },
  { header: 'p99 ms', align: 'right', value: (r) => formatMs(r.latency.p99Ms) },
  { header: 'mean ms', align: 'right', value: (r) => formatMs(r.latency.meanMs) },
  { header: 'max ms', align: 'right', value: (r) => formatMs(r.latency.maxMs) },
  { header: 'req/s', align: 'right', value: (r) => formatRate(r.throughputPerSecond) },
];

export function latencyChart(results: readonly CaseResult[]): string {
  return barChartSvg({
    title: 'Bolt round trip: RETURN 1 latency',
    xLabel: 'probe × concurrency',
    yLabel: 'latency (ms)',
    seriesNames: ['p50', 'p99'],
    groups: results.map((r) => ({
      label: caseName(r),
      values: [r.latency.p50Ms, r.latency.p99Ms],
    })),
    formatValue: formatMs,
    size: { width: Math.max(820, 150 * results.length + 252), height: 440 },
  });
}

export function throughputChart(results: readonly CaseResult[]): string {
  return lineChartSvg({
    title: 'Bolt round trip: RETURN 1 throughput over each run',
    xLabel: 'seconds into the run',
    yLabel: 'requests per second',
    series: results.map((r) => ({
      name: caseName(r),
      points: r.series.map((p) => ({ x: p.atS, y: p.perSecond })),
    })),
  });
}
