import { toBoltDateTime } from '@memgate/cypher';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * The custom scalars a graph SDL may use, one implementation for both
 * subgraphs: what the ingestion subgraph accepts is exactly what the query
 * subgraph serves and filters on.
 */

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Checked as fully as the engine will check it (a 13th month is refused
 * at the API, not later in a worker or a query), but kept as the string
 * the client sent, so no sub-millisecond digit is lost on the way.
 */
function parseDateTime(value: unknown): string {
  if (typeof value === 'string') {
    try {
      toBoltDateTime(value);
      return value;
    } catch {
      // Reported below with the same message as any other bad value.
    }
  }
  throw badInput(
    `DateTime must be an ISO-8601 date-time with an offset (e.g. 2024-05-01T12:00:00Z), got ${JSON.stringify(value)}.`,
  );
}

/** Values come from Bolt already as ISO strings; inputs are validated, not reformatted. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with an offset; nanosecond precision is kept.',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString();
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const WHOLE_NUMBER = /^-?\d+$/;

function parseBigInt(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !WHOLE_NUMBER.test(text)) {
    throw badInput(
      `BigInt must be a whole number (as a string or a safe integer), got ${JSON.stringify(value)}.`,
    );
  }
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) throw badInput(`BigInt ${text} does not fit in 64 bits.`);
  return text;
}

/** 64-bit integers travel as decimal strings, in JSON and in Kafka, so no digit is lost. */
export const BigIntScalar = new GraphQLScalarType({
  name: 'BigInt',
  description: 'A 64-bit integer, as a string in JSON.',
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'string' && WHOLE_NUMBER.test(value)) return value;
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    throw new GraphQLError(`BigInt cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: parseBigInt,
  parseLiteral: (ast) =>
    parseBigInt(ast.kind === Kind.INT || ast.kind === Kind.STRING ? ast.value : undefined),
});
