import { isIsoDateTime } from '@memgate/cypher';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDateTime(value)) {
    throw badInput(
      `DateTime must be an ISO-8601 date-time with an offset (e.g. 2024-05-01T12:00:00Z), got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** Values arrive from Bolt already as ISO strings; inputs are validated, not reformatted. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with an offset; nanosecond precision is kept.',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString();
    throw new GraphQLError(`DateTime cannot represent ${String(value)}.`);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseBigInt(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) {
    throw badInput(
      `BigInt must be a whole number (as a string or a safe integer), got ${JSON.stringify(value)}.`,
    );
  }
  const big = BigInt(text);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    throw badInput(`BigInt ${text} does not fit in 64 bits.`);
  }
  return text;
}

/** 64-bit integers travel as strings in JSON so that no digit is lost. */
export const BigIntScalar = new GraphQLScalarType({
  name: 'BigInt',
  description: 'A 64-bit integer, as a string in JSON.',
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
    throw new GraphQLError(`BigInt cannot represent ${String(value)}.`);
  },
  parseValue: parseBigInt,
  parseLiteral: (ast) =>
    parseBigInt(ast.kind === Kind.INT || ast.kind === Kind.STRING ? ast.value : undefined),
});
