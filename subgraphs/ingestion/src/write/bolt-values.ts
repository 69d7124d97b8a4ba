import { toBoltDateTime } from '@memgate/cypher';
import type { ScalarField } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import neo4j from 'neo4j-driver';
import type { JsonScalar, JsonValue } from '../model/json-value.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A field value in the type the graph stores: Int and BigInt as Bolt
 * integers (a plain JS number would be stored as a float), DateTime as a
 * zoned Bolt DateTime with its nanoseconds. A value of the wrong shape
 * rejects the operation, never the batch.
 */
export function toBoltValue(field: ScalarField, value: JsonValue): unknown {
  if (value === null) return null;
  if (field.list) {
    if (!Array.isArray(value)) throw invalid(field, value, `a list of ${field.scalar}`);
    return (value as readonly JsonValue[]).map((item) => {
      if (item === null || Array.isArray(item))
        throw invalid(field, item, withArticle(field.scalar));
      return scalarToBolt(field, item as JsonScalar);
    });
  }
  if (Array.isArray(value)) throw invalid(field, value, `a single ${field.scalar}`);
  return scalarToBolt(field, value as JsonScalar);
}

function scalarToBolt(field: ScalarField, value: JsonScalar): unknown {
  switch (field.scalar) {
    case 'ID':
    case 'String':
      if (typeof value === 'string') return value;
      break;
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'Float':
      if (typeof value === 'number') return value;
      break;
    case 'Int':
      if (Number.isSafeInteger(value)) return neo4j.int(value as number);
      break;
    case 'BigInt':
      if (typeof value === 'string' && /^-?\d+$/.test(value)) {
        const big = BigInt(value);
        if (big >= INT64_MIN && big <= INT64_MAX) return neo4j.int(value);
      }
      break;
    case 'DateTime':
      if (typeof value === 'string') return toBoltDateTime(value);
      break;
  }
  throw invalid(field, value, withArticle(field.scalar));
}

function invalid(field: ScalarField, value: unknown, expected: string): MemgateError {
  return new MemgateError(
    'BAD_USER_INPUT',
    `${field.name}: expected ${expected}, got ${JSON.stringify(value)}.`,
    { details: { field: field.name } },
  );
}

/** "an Int", "a String": error messages are read by people. */
function withArticle(scalar: string): string {
  return `${/^[AEIOU]/.test(scalar) ? 'an' : 'a'} ${scalar}`;
}
