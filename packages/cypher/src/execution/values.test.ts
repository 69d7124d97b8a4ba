import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { fromBolt, toBoltDateTime } from './values.js';

describe('fromBolt', () => {
  it('keeps safe integers as numbers and larger ones as exact bigints', () => {
    expect(fromBolt(neo4j.int(42))).toBe(42);
    expect(fromBolt(neo4j.int('9007199254740993'))).toBe(9007199254740993n);
  });

  it('turns temporal values into ISO strings with full precision, recursively', () => {
    const when = new neo4j.types.DateTime(2024, 5, 1, 12, 30, 15, 123456789, 0);
    expect(fromBolt({ list: [when], nested: { n: neo4j.int(1) }, none: null })).toEqual({
      list: ['2024-05-01T12:30:15.123456789Z'],
      nested: { n: 1 },
      none: null,
    });
  });
});

describe('toBoltDateTime', () => {
  it('parses offsets and nanoseconds without loss', () => {
    const value = toBoltDateTime('2024-05-01T12:30:15.123456789+02:00');
    expect(value.toString()).toBe('2024-05-01T12:30:15.123456789+02:00');
    expect(toBoltDateTime('2024-05-01T12:30Z').toString()).toBe('2024-05-01T12:30:00Z');
  });

  it('rejects what is not an ISO date-time with an offset, as bad user input', () => {
    expect(() => toBoltDateTime('yesterday')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
    expect(() => toBoltDateTime('2024-05-01T12:30:15')).toThrow(/ISO-8601/);
    expect(() => toBoltDateTime('2024-13-01T12:30:15Z')).toThrow(/not a valid date-time/);
  });
});
