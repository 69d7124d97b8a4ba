import { toBoltDateTime } from '@memgate/cypher';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Checked as fully as the writer will check it (a 13th month is refused
 * here, not later in a worker), but kept as the string the client sent so
 * no precision is lost on the way through Kafka.
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

function parseBigInt(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) {
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
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    throw new GraphQLError(`BigInt cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: parseBigInt,
  parseLiteral: (ast) =>
    parseBigInt(ast.kind === Kind.INT || ast.kind === Kind.STRING ? ast.value : undefined),
});

function fromLiteral(
  ast: ValueNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((item) => fromLiteral(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        ast.fields.map((field) => [field.name.value, fromLiteral(field.value, variables)]),
      );
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    case Kind.ENUM:
      return ast.value;
  }
}

/** Any JSON value, passed through as it came: the mapping reads it in the worker. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value: a raw record as its source wrote it.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => fromLiteral(ast, variables),
});
