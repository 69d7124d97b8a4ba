import { describe, expect, it } from 'vitest';
import { barChartSvg } from './bar-chart.js';
import { lineChartSvg } from './line-chart.js';
import { el, escapeXml } from './markup.js';
import { formatTick, linearScale, niceTicks } from './scale.js';

/**
 * A small well-formedness check (no XML parser is a dependency): every tag
 * closes in order, attributes are quoted, and text holds no raw `<` or `&`.
 */
function assertWellFormed(svg: string): void {
  const body = svg.replace(/^<\?xml[^>]*\?>\n/, '');
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (const match of body.matchAll(token)) {
    consumed += match[0].length;
    const [, closing, name, , selfClosing, content] = match;
    if (content !== undefined) {
      expect(content).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
      continue;
    }
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(consumed).toBe(body.length);
  expect(stack).toEqual([]);
}

function numbers(svg: string, pattern: RegExp): number[] {
  return [...svg.matchAll(pattern)].map((m) => Number(m[1]));
}

describe('svg scale', () => {
  it('picks round ticks that cover the data', () => {
    expect(niceTicks(0, 9.3)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0, 0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0, 12_345)).toEqual([0, 5000, 10000, 15000]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 3)).toEqual([0, 2, 4, 6]);
  });

  it('maps a domain onto pixels, inverted for a y axis', () => {
    const y = linearScale([0, 10], [400, 0]);
    expect(y(0)).toBe(400);
    expect(y(2.5)).toBe(300);
    expect(y(10)).toBe(0);
  });

  it('formats tick labels without float noise', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(15000)).toBe('15,000');
  });
});

describe('svg markup', () => {
  it('escapes text and attribute values', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(el('g', { 'data-name': 'x"y', skipped: undefined }, '<a/>')).toBe(
      '<g data-name="x&quot;y"><a/></g>',
    );
    expect(el('circle', { r: 1 / 3 })).toBe('<circle r="0.33"/>');
  });
});

describe('lineChartSvg', () => {
  const chart = lineChartSvg({
    title: 'Throughput <per second> & more',
    xLabel: 'seconds',
    yLabel: 'requests/s',
    series: [
      {
        name: 'a',
        points: [
          { x: 1, y: 100 },
          { x: 2, y: 50 },
        ],
      },
      { name: 'b & c', points: [{ x: 1, y: 10 }] },
    ],
  });

  it('is a well-formed SVG document with escaped labels', () => {
    assertWellFormed(chart);
    expect(chart).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(chart).toContain('Throughput &lt;per second&gt; &amp; more');
    expect(chart).toContain('data-name="b &amp; c"');
  });

  it('draws one path per series, higher values nearer the top', () => {
    const paths = [...chart.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    const ys = numbers(paths[0]!, /[ML][\d.]+,([\d.]+)/g);
    expect(ys[0]).toBeLessThan(ys[1]!);
    // y = 100 is the top tick (0..100), so it sits on the plot's top edge.
    expect(ys[0]).toBe(44);
  });

  it('says "no data" instead of failing on empty series', () => {
    const empty = lineChartSvg({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 'a', points: [] }],
    });
    assertWellFormed(empty);
    expect(empty).toContain('no data');
  });
});

describe('barChartSvg', () => {
  const spec = {
    title: 'Latency',
    xLabel: 'probe',
    yLabel: 'ms',
    seriesNames: ['p50', 'p99'],
    groups: [
      { label: 'session ×1', values: [0.2, 0.8] },
      { label: 'tcp ×1', values: [0.05, 0.1] },
    ],
  };

  it('draws one bar per value, heights proportional to the values', () => {
    const chart = barChartSvg(spec);
    assertWellFormed(chart);
    const heights = numbers(chart, /<g class="bar"><rect [^>]*height="([\d.]+)"/g);
    expect(heights).toHaveLength(4);
    // 0.8 → 4 × the height of 0.2 on a zero-based axis.
    expect(heights[1]! / heights[0]!).toBeCloseTo(4, 1);
    expect(chart).toContain('>session ×1</text>');
  });

  it('prints values with the given format', () => {
    const chart = barChartSvg({ ...spec, formatValue: (v) => `${v.toFixed(2)} ms` });
    expect(chart).toContain('>0.80 ms</text>');
  });

  it('rejects a group whose values do not match the series', () => {
    expect(() => barChartSvg({ ...spec, groups: [{ label: 'x', values: [1] }] })).toThrow(
      'bar group "x" has 1 values for 2 series',
    );
  });
});
