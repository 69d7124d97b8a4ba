import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BigIntScalar, DateTimeScalar } from './graph-scalars.js';

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions['code'] : error;
  }
  return 'no error';
}

describe('DateTime', () => {
  it('keeps a valid date-time exactly as sent, nanoseconds included', () => {
    expect(DateTimeScalar.parseValue('2024-05-01T12:00:00.123456789+02:00')).toBe(
      '2024-05-01T12:00:00.123456789+02:00',
    );
    expect(
      DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2024-05-01T12:00:00Z' }, {}),
    ).toBe('2024-05-01T12:00:00Z');
  });

  it('refuses impossible dates, missing offsets and non-strings as BAD_USER_INPUT', () => {
    for (const bad of ['2024-13-01T00:00:00Z', '2024-05-01T12:00:00', 'yesterday', 1714564800]) {
      expect(
        codeOf(() => DateTimeScalar.parseValue(bad)),
        String(bad),
      ).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1' }, {}))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('serialises strings and dates, and nothing else', () => {
    expect(DateTimeScalar.serialize(new Date('2024-05-01T12:00:00Z'))).toBe(
      '2024-05-01T12:00:00.000Z',
    );
    expect(() => DateTimeScalar.serialize(42)).toThrow('DateTime cannot represent 42.');
  });
});

describe('BigInt', () => {
  it('accepts the 64-bit range as strings and safe integers, as strings', () => {
    expect(BigIntScalar.parseValue('9223372036854775807')).toBe('9223372036854775807');
    expect(BigIntScalar.parseValue('-9223372036854775808')).toBe('-9223372036854775808');
    expect(BigIntScalar.parseValue(42)).toBe('42');
    expect(BigIntScalar.parseLiteral({ kind: Kind.INT, value: '7' }, {})).toBe('7');
  });

  it('refuses values past 64 bits, unsafe numbers and fractions as BAD_USER_INPUT', () => {
    for (const bad of ['9223372036854775808', 2 ** 60, 1.5, '1e3', null]) {
      expect(
        codeOf(() => BigIntScalar.parseValue(bad)),
        String(bad),
      ).toBe('BAD_USER_INPUT');
    }
  });

  it('serialises bigints without losing digits', () => {
    expect(BigIntScalar.serialize(9223372036854775807n)).toBe('9223372036854775807');
    expect(() => BigIntScalar.serialize('12a')).toThrow('BigInt cannot represent "12a".');
  });
});
