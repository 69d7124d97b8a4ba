import { formatBytes, formatMs, formatRate } from '../../lib/format.js';
import type { LoadResult } from '../../lib/load-driver.js';
import type { MachineInfo } from '../../lib/machine-info.js';
import { barChartSvg } from '../../lib/svg/index.js';
import { formatTable } from '../../lib/table.js';
import type { OperationKey } from './operations.js';

export const PEERS = ['direct to subgraph', 'memgate gateway', 'hive gateway'] as const;
export type Peer = (typeof PEERS)[number];

export interface LoadRow extends LoadResult {
  readonly operation: OperationKey;
  readonly peer: Peer;
}

export interface Comparison {
  readonly operation: OperationKey;
  readonly concurrency: number;
  /** Our p50 minus the direct call's p50, where the subgraph alone can answer. */
  readonly addedP50Ms: number | undefined;
  readonly hiveAddedP50Ms: number | undefined;
  /** Our throughput over Hive Gateway's. */
  readonly throughputVsHive: number | undefined;
}

export function compare(loads: readonly LoadRow[]): Comparison[] {
  const cases = [
    ...new Map(loads.map((row) => [`${row.concurrency} ${row.operation}`, row])).values(),
  ];
  return cases.map(({ operation, concurrency }) => {
    const of = (peer: Peer) =>
      loads.find(
        (row) =>
          row.operation === operation && row.concurrency === concurrency && row.peer === peer,
      );
    const direct = of('direct to subgraph');
    const ours = of('memgate gateway');
    const hive = of('hive gateway');
    return {
      operation,
      concurrency,
      addedP50Ms: direct && ours ? ours.latency.p50Ms - direct.latency.p50Ms : undefined,
      hiveAddedP50Ms: direct && hive ? hive.latency.p50Ms - direct.latency.p50Ms : undefined,
      throughputVsHive:
        ours && hive && hive.throughputPerSecond > 0
          ? ours.throughputPerSecond / hive.throughputPerSecond
          : undefined,
    };
  });
}

export interface GatewayReport {
  readonly loads: readonly LoadRow[];
  readonly memory: Readonly<Record<string, number>>;
  readonly machine: MachineInfo;
  readonly config: { readonly concurrency: readonly number[]; readonly durationMs: number };
  readonly files: { readonly json: string; readonly svg: string };
}

const optional = (value: number | undefined, format: (value: number) => string): string =>
  value === undefined ? 'n/a' : format(value);

export function renderReport(report: GatewayReport): string {
  const loads = formatTable(
    [
      { header: 'in flight', align: 'right', value: (row: LoadRow) => String(row.concurrency) },
      { header: 'operation', value: (row: LoadRow) => row.operation },
      { header: 'peer', value: (row: LoadRow) => row.peer },
      {
        header: 'req/s',
        align: 'right',
        value: (row: LoadRow) => formatRate(row.throughputPerSecond),
      },
      { header: 'p50 ms', align: 'right', value: (row: LoadRow) => formatMs(row.latency.p50Ms) },
      { header: 'p99 ms', align: 'right', value: (row: LoadRow) => formatMs(row.latency.p99Ms) },
      { header: 'errors', align: 'right', value: (row: LoadRow) => String(row.errors) },
    ],
    report.loads,
  );
  const comparisons = formatTable(
    [
      {
        header: 'in flight',
        align: 'right',
        value: (row: Comparison) => String(row.concurrency),
      },
      { header: 'operation', value: (row: Comparison) => row.operation },
      {
        header: 'memgate adds at p50 (goal ≤ 1 ms)',
        align: 'right',
        value: (row: Comparison) => optional(row.addedP50Ms, (ms) => `${formatMs(ms)} ms`),
      },
      {
        header: 'hive adds at p50',
        align: 'right',
        value: (row: Comparison) => optional(row.hiveAddedP50Ms, (ms) => `${formatMs(ms)} ms`),
      },
      {
        header: 'memgate / hive req/s (goal ≥ 1)',
        align: 'right',
        value: (row: Comparison) => optional(row.throughputVsHive, (ratio) => ratio.toFixed(2)),
      },
    ],
    compare(report.loads),
  );
  const memory = Object.entries(report.memory)
    .map(([peer, bytes]) => `${peer} ${formatBytes(bytes)}`)
    .join(', ');
  const { machine, config } = report;
  return [
    `gateway: ${config.concurrency.join(' and ')} requests in flight, ${config.durationMs / 1000} s measured per operation, peer and concurrency, peers in turns`,
    `machine: ${machine.cpuModel} × ${machine.cpuCount}, Node ${machine.nodeVersion}`,
    'auth off; limits on with their defaults (depth, aliases, directives, tokens, cost, body, batch); per-client rate limit on but set out of reach (one client sends all load)',
    '',
    loads,
    '',
    comparisons,
    '',
    `peak RSS: ${memory}`,
    `results: ${report.files.json}`,
    `chart:   ${report.files.svg}`,
    '',
  ].join('\n');
}

export function latencyChart(loads: readonly LoadRow[]): string {
  const cases = [
    ...new Map(loads.map((row) => [`${row.concurrency} ${row.operation}`, row])).values(),
  ];
  return barChartSvg({
    title: 'Latency at p50 by peer (lower is better)',
    xLabel: 'operation, requests in flight',
    yLabel: 'ms',
    seriesNames: [...PEERS],
    groups: cases.map(({ operation, concurrency }) => ({
      label: `${operation} ×${concurrency}`,
      values: PEERS.map(
        (peer) =>
          loads.find(
            (row) =>
              row.operation === operation && row.concurrency === concurrency && row.peer === peer,
          )?.latency.p50Ms ?? 0,
      ),
    })),
    formatValue: formatMs,
  });
}
