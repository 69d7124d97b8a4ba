import { el, text } from './markup.js';
import { formatTick, linearScale } from './scale.js';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
] as const;

export function colour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#000000';
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Where the data goes inside the picture, after title, axes and legend. */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const MARGIN = { top: 44, right: 180, bottom: 56, left: 72 };

export function plotArea(size: Size): PlotArea {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    right: size.width - MARGIN.right,
    bottom: size.height - MARGIN.bottom,
  };
}

export function title(size: Size, content: string): string {
  return text({ x: size.width / 2, y: 24, 'text-anchor': 'middle', 'font-size': 16 }, content);
}

/** The y axis: horizontal grid lines at each tick, labels on the left, the axis name rotated. */
export function yAxis(area: PlotArea, ticks: readonly number[], label: string): string {
  const y = linearScale([ticks[0] ?? 0, ticks.at(-1) ?? 1], [area.bottom, area.top]);
  const lines = ticks.map((tick) =>
    el(
      'g',
      { class: 'y-tick' },
      el('line', { x1: area.left, x2: area.right, y1: y(tick), y2: y(tick), stroke: '#e5e5e5' }),
      text({ x: area.left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, formatTick(tick)),
    ),
  );
  const middle = (area.top + area.bottom) / 2;
  const name = text(
    { x: 18, y: middle, 'text-anchor': 'middle', transform: `rotate(-90 18 ${middle})` },
    label,
  );
  return el('g', { class: 'y-axis' }, ...lines, name);
}

export function xAxisLine(area: PlotArea): string {
  return el('line', {
    x1: area.left,
    x2: area.right,
    y1: area.bottom,
    y2: area.bottom,
    stroke: '#333',
  });
}

export function xAxisLabel(size: Size, area: PlotArea, label: string): string {
  return text(
    { x: (area.left + area.right) / 2, y: size.height - 12, 'text-anchor': 'middle' },
    label,
  );
}

/** One swatch and name per series, to the right of the plot. */
export function legend(area: PlotArea, names: readonly string[]): string {
  const entries = names.map((name, index) => {
    const y = area.top + index * 20;
    return el(
      'g',
      { class: 'legend-entry' },
      el('rect', { x: area.right + 16, y: y - 9, width: 12, height: 12, fill: colour(index) }),
      text({ x: area.right + 34, y: y + 1 }, name),
    );
  });
  return el('g', { class: 'legend' }, ...entries);
}

export function noData(area: PlotArea): string {
  return text(
    {
      x: (area.left + area.right) / 2,
      y: (area.top + area.bottom) / 2,
      'text-anchor': 'middle',
      fill: '#888',
    },
    'no data',
  );
}
