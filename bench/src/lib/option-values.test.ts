import { describe, expect, it } from 'vitest';
import { UsageError } from './usage-error.js';
import {
  parseChoiceList,
  parseCount,
  parseDurationMs,
  parsePositiveInt,
  parsePositiveIntList,
  required,
} from './option-values.js';

describe('option values', () => {
  it('parses durations with units; a bare number is seconds', () => {
    expect(parseDurationMs('duration', '500ms')).toBe(500);
    expect(parseDurationMs('duration', '1.5s')).toBe(1500);
    expect(parseDurationMs('duration', '2m')).toBe(120_000);
    expect(parseDurationMs('duration', '3')).toBe(3000);
    expect(() => parseDurationMs('duration', '5x')).toThrow(
      new UsageError('--duration: "5x" is not a duration (e.g. 500ms, 5s, 2m)'),
    );
    expect(() => parseDurationMs('duration', '0s')).toThrow('longer than 0');
  });

  it('parses whole numbers and lists of them', () => {
    expect(parsePositiveInt('requests', '10_000')).toBe(10_000);
    expect(() => parsePositiveInt('requests', '1.5')).toThrow(
      '--requests: "1.5" is not a whole number >= 1',
    );
    expect(() => parsePositiveInt('requests', '0')).toThrow(UsageError);
    expect(parseCount('warmup', '0')).toBe(0);
    expect(parsePositiveIntList('concurrency', '1, 8,8,32')).toEqual([1, 8, 32]);
    expect(() => parsePositiveIntList('concurrency', ',')).toThrow('at least one');
  });

  it('parses a subset of named choices', () => {
    const probes = ['a', 'b', 'c'] as const;
    expect(parseChoiceList('probes', 'c,a', probes)).toEqual(['c', 'a']);
    expect(() => parseChoiceList('probes', 'a,z', probes)).toThrow(
      '--probes: "a,z" must list some of: a, b, c',
    );
  });

  it('reports a missing required value', () => {
    expect(required({ a: '1' }, 'a')).toBe('1');
    expect(() => required({}, 'b')).toThrow('--b is required');
  });
});
