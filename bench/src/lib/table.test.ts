import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatRate } from './format.js';
import { formatTable, printTable, type Column } from './table.js';

interface Row {
  probe: string;
  p50: number;
}

const columns: Column<Row>[] = [
  { header: 'probe', value: (row) => row.probe },
  { header: 'p50 ms', align: 'right', value: (row) => formatMs(row.p50) },
];

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule as wide as each column', () => {
    const text = formatTable(columns, [
      { probe: 'executeQuery', p50: 0.4321 },
      { probe: 'tcp', p50: 12.25 },
    ]);
    expect(text.split('\n')).toEqual([
      'probe         p50 ms',
      '------------  ------',
      'executeQuery   0.432',
      'tcp             12.3',
    ]);
  });

  it('prints only the header and rule when there are no rows', () => {
    expect(formatTable(columns, [])).toBe('probe  p50 ms\n-----  ------');
  });

  it('counts characters, not UTF-16 units, when padding', () => {
    const text = formatTable(columns, [{ probe: '𝑥µs', p50: 1 }]);
    expect(text.split('\n')[2]).toBe('𝑥µs     1.000');
  });

  it('writes the table and a newline to the given sink', () => {
    const out: string[] = [];
    printTable(columns, [{ probe: 'a', p50: 1 }], (text) => out.push(text));
    expect(out.join('')).toMatch(/\n$/);
  });
});

describe('formats', () => {
  it('formats milliseconds, rates and bytes for tables', () => {
    expect(formatMs(0.123456)).toBe('0.123');
    expect(formatMs(42.04)).toBe('42.0');
    expect(formatMs(1234.5)).toBe('1235');
    expect(formatRate(12345.6)).toBe('12,346');
    expect(formatBytes(52_428_800)).toBe('50.0 MiB');
  });
});
