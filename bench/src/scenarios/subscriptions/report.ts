import { formatBytes, formatCount, formatRate } from '../../lib/format.js';
import type { MachineInfo } from '../../lib/machine-info.js';
import { barChartSvg } from '../../lib/svg/index.js';
import { formatTable } from '../../lib/table.js';

export interface IdleRow {
  readonly server: 'memgate gateway' | 'graphql-ws floor';
  readonly subscribers: number;
  readonly perConnection: number;
  /** Growth of the server process, after one full GC, per subscriber held. */
  readonly rssBytesPerSubscriber: number;
  readonly heapBytesPerSubscriber: number;
  /** The same once further full GCs no longer shrink the process (see `settled`). */
  readonly settledRssBytesPerSubscriber: number;
  readonly settledHeapBytesPerSubscriber: number;
  /** Full GCs it took to settle, the first one included. */
  readonly settleCollections: number;
  readonly rssBytes: number;
}

export interface FanOutRow {
  readonly subscribers: number;
  readonly perConnection: number;
  readonly changes: number;
  readonly expected: number;
  readonly delivered: number;
  /** Connections the gateway closed (slow consumers) during the burst. */
  readonly closedConnections: number;
  readonly produceSeconds: number;
  /** From the first change produced to the last result received. */
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** CPU time the gateway process used from the first change to the last delivery sampled. */
  readonly gatewayCpuSeconds: number;
  /** Deliveries per second of gateway CPU: its capacity with the clients' share of the machine left out. */
  readonly eventsPerGatewayCpuSecond: number;
}

export interface SubscriptionsReport {
  readonly idle: readonly IdleRow[];
  readonly fanOut: readonly FanOutRow[];
  readonly machine: MachineInfo;
  readonly processes: number;
  readonly subscription: string;
  readonly files: { readonly json: string; readonly svg: string };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function renderReport(report: SubscriptionsReport): string {
  const idle = formatTable(
    [
      {
        header: 'subscribers',
        align: 'right',
        value: (row: IdleRow) => formatCount(row.subscribers),
      },
      {
        header: 'per connection',
        align: 'right',
        value: (row: IdleRow) => String(row.perConnection),
      },
      { header: 'server', value: (row: IdleRow) => row.server },
      {
        header: 'RSS / subscriber, 1 GC',
        align: 'right',
        value: (row: IdleRow) => kb(row.rssBytesPerSubscriber),
      },
      {
        header: 'settled (goal < 10 KB)',
        align: 'right',
        value: (row: IdleRow) =>
          `${kb(row.settledRssBytesPerSubscriber)} (${row.settleCollections} GCs)`,
      },
      {
        header: 'heap / subscriber, 1 GC',
        align: 'right',
        value: (row: IdleRow) => kb(row.heapBytesPerSubscriber),
      },
      {
        header: 'settled',
        align: 'right',
        value: (row: IdleRow) => kb(row.settledHeapBytesPerSubscriber),
      },
      { header: 'process RSS', align: 'right', value: (row: IdleRow) => formatBytes(row.rssBytes) },
    ],
    report.idle,
  );
  const fanOut = formatTable(
    [
      {
        header: 'subscribers',
        align: 'right',
        value: (row: FanOutRow) => formatCount(row.subscribers),
      },
      {
        header: 'per connection',
        align: 'right',
        value: (row: FanOutRow) => String(row.perConnection),
      },
      { header: 'changes', align: 'right', value: (row: FanOutRow) => formatCount(row.changes) },
      {
        header: 'delivered',
        align: 'right',
        value: (row: FanOutRow) => `${formatCount(row.delivered)} / ${formatCount(row.expected)}`,
      },
      { header: 'seconds', align: 'right', value: (row: FanOutRow) => row.seconds.toFixed(2) },
      {
        header: 'events/s (goal ≥ 30,000)',
        align: 'right',
        value: (row: FanOutRow) => formatRate(row.eventsPerSecond),
      },
      {
        header: 'per gateway CPU-second',
        align: 'right',
        value: (row: FanOutRow) => formatRate(row.eventsPerGatewayCpuSecond),
      },
      {
        header: 'dropped conns',
        align: 'right',
        value: (row: FanOutRow) => String(row.closedConnections),
      },
    ],
    report.fanOut,
  );
  return [
    `subscriptions: graphql-ws clients over ${report.processes} client processes; "per connection" subscriptions share one WebSocket`,
    `subscription: ${report.subscription}`,
    `machine: ${report.machine.cpuModel} × ${report.machine.cpuCount}, Node ${report.machine.nodeVersion}`,
    '',
    'idle subscribers (growth of a fresh server process, divided by subscribers): after one full GC right',
    'after the burst of connections, and settled, once further full GCs (as V8 runs on an idle process)',
    'no longer shrink it;',
    'the graphql-ws floor is graphql-ws on ws with nothing else: what any such server holds per subscriber:',
    idle,
    '',
    'fan-out (a burst of changes on the changes topic, counted as delivered by the clients):',
    fanOut,
    '',
    `results: ${report.files.json}`,
    `chart:   ${report.files.svg}`,
    '',
  ].join('\n');
}

export function fanOutChart(rows: readonly FanOutRow[]): string {
  return barChartSvg({
    title: 'Events delivered per second (higher is better)',
    xLabel: 'subscribers',
    yLabel: 'events/s',
    seriesNames: ['events/s'],
    groups: rows.map((row) => ({
      label: `${formatCount(row.subscribers)} (${row.perConnection}/conn)`,
      values: [row.eventsPerSecond],
    })),
    formatValue: formatRate,
  });
}
