import { formatBytes, formatCount, formatMs, formatRate } from '../../lib/format.js';
import type { LoadResult } from '../../lib/load-driver.js';
import type { MachineInfo } from '../../lib/machine-info.js';
import type { MemoryReport } from '../../lib/memory-sampler.js';
import { barChartSvg } from '../../lib/svg/index.js';
import { formatTable, type Column } from '../../lib/table.js';
import type { GraphCounts } from './bench-graph.js';
import type { Peer, Transfer } from './end-to-end.js';
import type { OperationKey } from './operations.js';
import type { TranslationResult } from './translation.js';

export type TransferRow = { readonly operation: OperationKey; readonly peer: Peer } & Transfer;
export type LoadRow = { readonly operation: string; readonly peer: Peer } & LoadResult;

const PEERS: readonly Peer[] = [
  'memgate subgraph',
  '@neo4j/graphql',
  'hand-written resolvers',
  'hand-written Cypher',
];
const us = (ms: number): string => (ms * 1000).toFixed(0);

interface TranslationRow {
  readonly operation: string;
  readonly ours: TranslationResult;
  readonly theirs: TranslationResult;
}

const TRANSLATION_COLUMNS: Column<TranslationRow>[] = [
  { header: 'operation', value: (r) => r.operation },
  { header: 'memgate p50 µs', align: 'right', value: (r) => us(r.ours.latency.p50Ms) },
  { header: 'p99 µs', align: 'right', value: (r) => us(r.ours.latency.p99Ms) },
  { header: '@neo4j/graphql p50 µs', align: 'right', value: (r) => us(r.theirs.latency.p50Ms) },
  { header: 'p99 µs', align: 'right', value: (r) => us(r.theirs.latency.p99Ms) },
  {
    header: 'ours/theirs p50',
    align: 'right',
    value: (r) => (r.ours.latency.p50Ms / r.theirs.latency.p50Ms).toFixed(2),
  },
];

const TRANSFER_COLUMNS: Column<TransferRow>[] = [
  { header: 'operation', value: (r) => r.operation },
  { header: 'peer', value: (r) => r.peer },
  { header: 'round trips', align: 'right', value: (r) => String(r.roundTrips) },
  { header: 'rows', align: 'right', value: (r) => formatCount(r.rows) },
  { header: 'result bytes', align: 'right', value: (r) => formatCount(r.resultBytes) },
];

function overhead(row: LoadRow, base: LoadRow | undefined): string {
  if (!base || base === row) return '';
  const ratio = row.latency.p50Ms / base.latency.p50Ms - 1;
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(0)} %`;
}

function loadColumns(
  baseline: (row: LoadRow, peer: Peer) => LoadRow | undefined,
): Column<LoadRow>[] {
  return [
    { header: 'operation', value: (r) => r.operation },
    { header: 'peer', value: (r) => r.peer },
    { header: 'requests', align: 'right', value: (r) => formatCount(r.completed) },
    { header: 'errors', align: 'right', value: (r) => String(r.errors) },
    { header: 'p50 ms', align: 'right', value: (r) => formatMs(r.latency.p50Ms) },
    { header: 'p99 ms', align: 'right', value: (r) => formatMs(r.latency.p99Ms) },
    { header: 'req/s', align: 'right', value: (r) => formatRate(r.throughputPerSecond) },
    {
      header: 'p50 vs hand-written resolvers',
      align: 'right',
      value: (r) => overhead(r, baseline(r, 'hand-written resolvers')),
    },
    {
      header: 'p50 vs driver only',
      align: 'right',
      value: (r) => overhead(r, baseline(r, 'hand-written Cypher')),
    },
  ];
}

export interface ReportInput {
  readonly counts: GraphCounts;
  readonly translations: readonly TranslationResult[];
  readonly transfers: readonly TransferRow[];
  readonly loads: readonly LoadRow[];
  readonly memory: MemoryReport | undefined;
  readonly machine: MachineInfo;
  readonly config: {
    readonly concurrency: number;
    readonly durationMs: number;
    readonly iterations: number;
    readonly rounds: number;
  };
  readonly files: { readonly json: string; readonly svg: string };
}

export function renderReport(input: ReportInput): string {
  const translationRows: TranslationRow[] = [];
  for (const ours of input.translations.filter((t) => t.peer === 'memgate')) {
    const theirs = input.translations.find(
      (t) => t.peer === '@neo4j/graphql' && t.operation === ours.operation,
    );
    if (theirs) translationRows.push({ operation: ours.operation, ours, theirs });
  }
  const baseline = (row: LoadRow, peer: Peer) =>
    input.loads.find((l) => l.operation === row.operation && l.peer === peer);
  const memory = input.memory
    ? `memgate subgraph process (its own) under load: peak RSS ${formatBytes(input.memory.peakRssBytes)}, peak heap ${formatBytes(input.memory.peakHeapUsedBytes)}`
    : 'memgate subgraph memory: not sampled';
  return [
    '',
    `query — ${formatCount(input.counts.nodes)} nodes, ${formatCount(input.counts.relationships)} relationships; machine ${input.machine.cpuModel} ×${input.machine.cpuCount}, Node ${input.machine.nodeVersion}`,
    '',
    `1. Translation: GraphQL execution against a database that answers at once (${input.config.iterations} runs each)`,
    formatTable(TRANSLATION_COLUMNS, translationRows),
    '',
    '2. Round trips and rows per operation',
    formatTable(TRANSFER_COLUMNS, input.transfers),
    '',
    `3. End to end on the engine: ${input.config.concurrency} requests in flight, ${input.config.durationMs / 1000} s per case (GraphQL peers over HTTP; peers take turns, ${input.config.rounds} rounds)`,
    formatTable(loadColumns(baseline), input.loads),
    '',
    memory,
    `results: ${input.files.json}`,
    `plot:    ${input.files.svg}`,
    '',
  ].join('\n');
}

export function latencyChart(loads: readonly LoadRow[]): string {
  const operations = [...new Set(loads.map((l) => l.operation))];
  return barChartSvg({
    title: 'p50 latency per operation',
    xLabel: 'operation',
    yLabel: 'ms',
    seriesNames: [...PEERS],
    groups: operations.map((operation) => ({
      label: operation,
      values: PEERS.map(
        (peer) =>
          loads.find((l) => l.operation === operation && l.peer === peer)?.latency.p50Ms ?? 0,
      ),
    })),
    formatValue: (value) => value.toFixed(2),
  });
}
