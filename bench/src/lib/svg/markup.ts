/** Text and attribute values escaped for XML, so a series named `a<b & c` cannot break the file. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

/**
 * One SVG element. Children are markup already (from `el`), so only
 * attribute values and `text()` need escaping; coordinates are rounded to
 * 0.01 px to keep files small and diffs stable.
 */
export function el(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? px(value) : value)}"`)
    .join('');
  return children.length === 0
    ? `<${name}${attrs}/>`
    : `<${name}${attrs}>${children.join('')}</${name}>`;
}

export function text(attributes: Attributes, content: string): string {
  return el('text', attributes, escapeXml(content));
}

export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function svgDocument(width: number, height: number, ...children: string[]): string {
  const root = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': 'system-ui, -apple-system, Segoe UI, sans-serif',
      'font-size': 12,
    },
    el('rect', { width, height, fill: 'white' }),
    ...children,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
