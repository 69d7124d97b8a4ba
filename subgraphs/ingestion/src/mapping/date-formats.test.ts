import { describe, expect, it } from 'vitest';
import { parseDateFormat, readDate, type DateFormat } from './date-formats.js';

const format = (text: string): DateFormat => {
  const parsed = parseDateFormat(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

describe('date formats', () => {
  it('keep an ISO-8601 date-time with an offset as written, nanoseconds included', () => {
    expect(readDate(format('iso'), '2024-05-01T12:30:00.123456789+02:00')).toBe(
      '2024-05-01T12:30:00.123456789+02:00',
    );
    expect(readDate(format('iso'), '2024-05-01')).toEqual({
      error: 'expected an ISO-8601 date-time with an offset, got "2024-05-01"',
    });
  });

  it('read epoch milliseconds and seconds, as numbers or numeric strings', () => {
    expect(readDate(format('epochMillis'), 1714564800000)).toBe('2024-05-01T12:00:00.000Z');
    expect(readDate(format('epochMillis'), '1714564800000')).toBe('2024-05-01T12:00:00.000Z');
    expect(readDate(format('epochSeconds'), 1714564800.5)).toBe('2024-05-01T12:00:00.500Z');
    expect(readDate(format('epochMillis'), 'soon')).toEqual({
      error: 'expected epoch milliseconds, got "soon"',
    });
  });

  it('read patterns of tokens as UTC', () => {
    expect(readDate(format('YYYY-MM-DD'), '1815-12-10')).toBe('1815-12-10T00:00:00.000Z');
    expect(readDate(format('DD/MM/YYYY HH:mm'), '10/12/1815 08:30')).toBe(
      '1815-12-10T08:30:00.000Z',
    );
    expect(readDate(format('YYYY-MM-DD HH:mm:ss.SSS'), '2024-05-01 12:00:01.5')).toBe(
      '2024-05-01T12:00:01.500Z',
    );
  });

  it('refuse dates that do not exist or do not fit the pattern', () => {
    for (const value of ['2024-02-30', '2024-13-01', '01/05/2024', 20240501]) {
      expect(readDate(format('YYYY-MM-DD'), value)).toEqual({
        error: `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
      });
    }
    expect(readDate(format('YYYY-MM-DD HH:mm'), '2024-05-01 24:00')).toHaveProperty('error');
  });

  it('refuse unknown tokens and patterns without a whole date', () => {
    expect(parseDateFormat('YYYY-MM-dd')).toEqual({
      error:
        'unknown token in the date format "YYYY-MM-dd" at "dd": use iso, epochMillis, epochSeconds or YYYY MM DD HH mm ss SSS',
    });
    expect(parseDateFormat('MM/YYYY')).toEqual({
      error: 'the date format "MM/YYYY" needs at least YYYY, MM and DD',
    });
    expect(parseDateFormat('YYYY-MM-DD-DD')).toEqual({
      error: 'the date format "YYYY-MM-DD-DD" has DD twice',
    });
  });
});
