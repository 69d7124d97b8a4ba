import type { ScalarField, ScalarKind } from '@memgate/graph-model';
import type { JsonScalar, JsonValue } from '../model/json-value.js';
import { readDate, type DateFormat } from './date-formats.js';

/** How to read a raw value into a field: the date format, and a separator that splits a string into a list. */
export interface CoercionOptions {
  readonly format?: DateFormat | undefined;
  readonly split?: string | undefined;
}

export type Coerced = { readonly value: JsonValue } | { readonly error: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^\s*-?\d+\s*$/;
const DECIMAL = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/**
 * A raw value as the field's scalar, in the JSON form graph operations
 * carry (DateTime as an ISO string, BigInt as a decimal string). Raw data is
 * loosely typed (CSV exports have "42" for 42, "yes" for true), so the
 * obvious readings are accepted; anything that would lose information or
 * guess is an error that rejects the record.
 */
export function coerceToField(
  field: ScalarField,
  raw: unknown,
  options: CoercionOptions = {},
): Coerced {
  if (!field.list) {
    if (Array.isArray(raw)) return { error: `expected a single ${field.scalar}, got a list` };
    return coerceScalar(field.scalar, raw, options);
  }
  const items =
    typeof raw === 'string' && options.split !== undefined
      ? raw
          .split(options.split)
          .map((item) => item.trim())
          .filter((item) => item.length > 0)
      : raw;
  if (!Array.isArray(items))
    return { error: `expected a list of ${field.scalar}, got ${describe(raw)}` };
  const values: JsonScalar[] = [];
  for (const [index, item] of items.entries()) {
    const coerced = coerceScalar(field.scalar, item, options);
    if ('error' in coerced) return { error: `item ${index}: ${coerced.error}` };
    values.push(coerced.value as JsonScalar);
  }
  return { value: values };
}

export function coerceScalar(
  kind: ScalarKind,
  raw: unknown,
  options: CoercionOptions = {},
): Coerced {
  const bad = { error: `expected ${article(kind)} ${kind}, got ${describe(raw)}` };
  switch (kind) {
    case 'ID':
    case 'String':
      if (typeof raw === 'string') return { value: raw };
      if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean') {
        return { value: String(raw) };
      }
      return bad;
    case 'Int': {
      const number = typeof raw === 'string' && INTEGER.test(raw) ? Number(raw) : raw;
      return typeof number === 'number' && Number.isSafeInteger(number) ? { value: number } : bad;
    }
    case 'Float': {
      const number = typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : raw;
      return typeof number === 'number' && Number.isFinite(number) ? { value: number } : bad;
    }
    case 'Boolean':
      return readBoolean(raw) ?? bad;
    case 'BigInt': {
      const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
      if (typeof text !== 'string' || !INTEGER.test(text)) return bad;
      const big = BigInt(text.trim());
      return big >= INT64_MIN && big <= INT64_MAX ? { value: big.toString() } : bad;
    }
    case 'DateTime': {
      const date = readDate(options.format ?? { kind: 'iso' }, raw);
      return typeof date === 'string' ? { value: date } : date;
    }
  }
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function readBoolean(raw: unknown): Coerced | undefined {
  if (typeof raw === 'boolean') return { value: raw };
  if (raw === 1 || raw === 0) return { value: raw === 1 };
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().toLowerCase();
  if (TRUE.has(text)) return { value: true };
  if (FALSE.has(text)) return { value: false };
  return undefined;
}

function article(kind: ScalarKind): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
