import {
  colour,
  legend,
  noData,
  plotArea,
  title,
  xAxisLabel,
  xAxisLine,
  yAxis,
  type Size,
} from './frame.js';
import { el, svgDocument, text } from './markup.js';
import { formatTick, linearScale, niceTicks } from './scale.js';

/** One cluster of bars, e.g. one probe at one concurrency; one value per entry of `seriesNames`. */
export interface BarGroup {
  readonly label: string;
  readonly values: readonly number[];
}

export interface BarChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The legend: what each bar of a group shows, e.g. ['p50', 'p99']. */
  readonly seriesNames: readonly string[];
  readonly groups: readonly BarGroup[];
  readonly size?: Size;
  /** How the value printed above each bar reads; defaults to the tick format. */
  readonly formatValue?: (value: number) => string;
}

/** Grouped bars from a zero baseline, the value written above each bar. */
export function barChartSvg(spec: BarChartSpec): string {
  const size = spec.size ?? { width: 820, height: 420 };
  const area = plotArea(size);
  const header = [title(size, spec.title), xAxisLabel(size, area, spec.xLabel)];
  const values = spec.groups.flatMap((group) => group.values);
  if (values.length === 0) {
    return svgDocument(
      size.width,
      size.height,
      ...header,
      yAxis(area, [0, 1], spec.yLabel),
      xAxisLine(area),
      noData(area),
    );
  }
  for (const group of spec.groups) {
    if (group.values.length !== spec.seriesNames.length) {
      throw new RangeError(
        `bar group "${group.label}" has ${group.values.length} values for ${spec.seriesNames.length} series`,
      );
    }
  }

  const yTicks = niceTicks(0, Math.max(...values));
  const y = linearScale([0, yTicks.at(-1) ?? 1], [area.bottom, area.top]);
  const format = spec.formatValue ?? formatTick;
  const slot = (area.right - area.left) / spec.groups.length;
  // A fifth of each slot is left empty so neighbouring groups stay apart.
  const barWidth = (slot * 0.8) / spec.seriesNames.length;

  const groups = spec.groups.map((group, g) => {
    const start = area.left + g * slot + slot * 0.1;
    const bars = group.values.map((value, s) => {
      const top = y(value);
      const cx = start + (s + 0.5) * barWidth;
      return el(
        'g',
        { class: 'bar' },
        el('rect', {
          x: start + s * barWidth,
          y: top,
          width: barWidth * 0.92,
          height: area.bottom - top,
          fill: colour(s),
        }),
        text({ x: cx, y: top - 4, 'text-anchor': 'middle', 'font-size': 10 }, format(value)),
      );
    });
    const label = text(
      { x: area.left + (g + 0.5) * slot, y: area.bottom + 18, 'text-anchor': 'middle' },
      group.label,
    );
    return el('g', { class: 'bar-group', 'data-label': group.label }, ...bars, label);
  });
  return svgDocument(
    size.width,
    size.height,
    ...header,
    yAxis(area, yTicks, spec.yLabel),
    ...groups,
    xAxisLine(area),
    legend(area, spec.seriesNames),
  );
}
