import { formatCount, formatRate } from '../../lib/format.js';
import { lineChartSvg } from '../../lib/svg/index.js';
import type { Column } from '../../lib/table.js';
import type { WriteProgress } from './direct-writer.js';

/** One line of the table: a side, a phase, how many records and how long. */
export interface PhaseRow {
  readonly path: 'direct' | 'pipeline';
  readonly phase: 'nodes' | 'relationships' | 'total';
  readonly records: number;
  readonly ms: number;
  /** Pipeline rows: records per second as a share of the direct write's. */
  readonly share?: number | undefined;
}

export const PHASE_COLUMNS: readonly Column<PhaseRow>[] = [
  { header: 'path', value: (r) => r.path },
  { header: 'phase', value: (r) => r.phase },
  { header: 'records', align: 'right', value: (r) => formatCount(r.records) },
  { header: 'seconds', align: 'right', value: (r) => (r.ms / 1000).toFixed(1) },
  { header: 'records/s', align: 'right', value: (r) => formatRate(perSecond(r)) },
  {
    header: 'vs direct',
    align: 'right',
    value: (r) => (r.share === undefined ? '' : `${(r.share * 100).toFixed(0)} %`),
  },
];

export function perSecond(row: Pick<PhaseRow, 'records' | 'ms'>): number {
  return row.ms > 0 ? row.records / (row.ms / 1000) : 0;
}

/**
 * Records written per second, second by second, from cumulative counts
 * taken at irregular times (per batch, or per poll): the count at the end
 * of each second minus the count at its start.
 */
export function ratePerSecond(progress: readonly WriteProgress[]): { x: number; y: number }[] {
  const last = progress[progress.length - 1];
  if (!last) return [];
  const writtenAt = (ms: number): number => {
    let written = 0;
    for (const point of progress) {
      if (point.atMs > ms) break;
      written = point.written;
    }
    return written;
  };
  const points: { x: number; y: number }[] = [];
  for (let second = 1; second <= Math.ceil(last.atMs / 1000); second += 1) {
    points.push({ x: second, y: writtenAt(second * 1000) - writtenAt((second - 1) * 1000) });
  }
  return points;
}

export function throughputChart(
  direct: readonly WriteProgress[],
  pipeline: readonly WriteProgress[],
): string {
  return lineChartSvg({
    title: 'Ingest: records written per second (nodes, then relationships)',
    xLabel: 'seconds into the run',
    yLabel: 'records per second',
    series: [
      { name: 'direct', points: ratePerSecond(direct) },
      { name: 'pipeline', points: ratePerSecond(pipeline) },
    ],
  });
}
