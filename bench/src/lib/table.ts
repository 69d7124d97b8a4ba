export interface Column<Row> {
  readonly header: string;
  /** Numbers read best right-aligned, so their digits line up. */
  readonly align?: 'left' | 'right';
  readonly value: (row: Row) => string;
}

/**
 * Lays rows out in aligned columns under a header and a rule, as plain text
 * that reads the same in a terminal, a CI log and a pasted issue comment.
 * Widths count characters (graphemes), so `µs` or `→` do not shift a column.
 */
export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(width(column.header), ...cells.map((line) => width(line[index] ?? ''))),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((cell, index) => pad(cell, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [render(columns.map((c) => c.header)), rule, ...cells.map(render)].join('\n');
}

export function printTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): void {
  write(`${formatTable(columns, rows)}\n`);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function width(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

function pad(text: string, to: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return align === 'right' ? fill + text : text + fill;
}
