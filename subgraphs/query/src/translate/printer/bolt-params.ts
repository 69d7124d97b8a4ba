import { toBoltDateTime } from '@memgate/cypher';
import type { ScalarKind } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import neo4j from 'neo4j-driver';

/**
 * GraphQL values become Bolt values of the property's type: JavaScript
 * numbers would travel as floats, so integers are sent as Bolt integers, and
 * date-times as Bolt DateTimes parsed without losing nanoseconds.
 */
export function toBoltValue(value: unknown, scalar: ScalarKind): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => toBoltValue(item, scalar));
  switch (scalar) {
    case 'Int':
    case 'BigInt':
      return toBoltInteger(value);
    case 'DateTime':
      return toBoltDateTime(typeof value === 'string' ? value : JSON.stringify(value));
    default:
      return value;
  }
}

export function toBoltInteger(value: unknown): ReturnType<typeof neo4j.int> {
  if (typeof value === 'bigint') return neo4j.int(value.toString());
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return neo4j.int(value);
  throw new MemgateError('BAD_USER_INPUT', `${JSON.stringify(value)} is not an integer.`);
}
