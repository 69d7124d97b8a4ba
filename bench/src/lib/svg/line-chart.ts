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
import { el, px, svgDocument, text } from './markup.js';
import { formatTick, linearScale, niceTicks } from './scale.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LineSeries {
  readonly name: string;
  readonly points: readonly Point[];
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  readonly size?: Size;
}

/**
 * A line per series over a shared x axis (e.g. seconds into a run). Both axes
 * start at 0: throughput and latency are ratio scales, and a cropped axis
 * makes small differences look large.
 */
export function lineChartSvg(spec: LineChartSpec): string {
  const size = spec.size ?? { width: 820, height: 420 };
  const area = plotArea(size);
  const points = spec.series.flatMap((series) => series.points);
  const header = [title(size, spec.title), xAxisLabel(size, area, spec.xLabel)];
  if (points.length === 0) {
    return svgDocument(
      size.width,
      size.height,
      ...header,
      yAxis(area, [0, 1], spec.yLabel),
      xAxisLine(area),
      noData(area),
    );
  }

  const yTicks = niceTicks(0, Math.max(...points.map((p) => p.y)));
  const xTicks = niceTicks(0, Math.max(...points.map((p) => p.x)), 8);
  const x = linearScale([xTicks[0] ?? 0, xTicks.at(-1) ?? 1], [area.left, area.right]);
  const y = linearScale([yTicks[0] ?? 0, yTicks.at(-1) ?? 1], [area.bottom, area.top]);

  const xTickMarks = xTicks.map((tick) =>
    text({ x: x(tick), y: area.bottom + 18, 'text-anchor': 'middle' }, formatTick(tick)),
  );
  const lines = spec.series.map((series, index) => {
    const d = series.points
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x(p.x))},${px(y(p.y))}`)
      .join(' ');
    const dots = series.points.map((p) =>
      el('circle', { cx: x(p.x), cy: y(p.y), r: 2.5, fill: colour(index) }),
    );
    return el(
      'g',
      { class: 'series', 'data-name': series.name },
      el('path', { d, fill: 'none', stroke: colour(index), 'stroke-width': 2 }),
      ...dots,
    );
  });
  return svgDocument(
    size.width,
    size.height,
    ...header,
    yAxis(area, yTicks, spec.yLabel),
    xAxisLine(area),
    el('g', { class: 'x-ticks' }, ...xTickMarks),
    ...lines,
    legend(
      area,
      spec.series.map((s) => s.name),
    ),
  );
}
