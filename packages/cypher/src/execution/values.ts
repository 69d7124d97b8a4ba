import { MemgateError } from '@memgate/platform/errors';
import neo4j from 'neo4j-driver';

/**
 * Converts what Bolt returns into plain JavaScript: integers become numbers
 * when they fit in a double without loss and bigints otherwise (the GraphQL
 * layer then serialises or rejects them explicitly), temporal values become
 * ISO-8601 strings with their full precision.
 */
export function fromBolt(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) {
    return value.inSafeRange() ? value.toNumber() : value.toBigInt();
  }
  if (Array.isArray(value)) return value.map(fromBolt);
  if (isTemporal(value)) return (value as { toString(): string }).toString();
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const plain: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) plain[key] = fromBolt(item);
    return plain;
  }
  return value;
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  );
}

const ISO_DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses an ISO-8601 date-time with an offset into a Bolt DateTime without
 * losing nanoseconds (a JavaScript Date keeps only milliseconds).
 */
export function toBoltDateTime(iso: string): InstanceType<typeof neo4j.types.DateTime> {
  const match = ISO_DATE_TIME.exec(iso);
  if (!match) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `"${iso}" is not an ISO-8601 date-time with an offset (e.g. 2024-05-01T12:00:00Z).`,
    );
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const nanosecond = Number((fraction ?? '').padEnd(9, '0'));
  const offsetSeconds = zone === undefined || zone.toUpperCase() === 'Z' ? 0 : parseOffset(zone);
  const parts = [year, month, day, hour, minute, second ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    throw new MemgateError('BAD_USER_INPUT', `"${iso}" is not a valid date-time.`);
  }
  return new neo4j.types.DateTime(y, mo, d, h, mi, s, nanosecond, offsetSeconds);
}

function parseOffset(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
}

/** True when `iso` is a date-time `toBoltDateTime` accepts. */
export function isIsoDateTime(iso: string): boolean {
  return ISO_DATE_TIME.test(iso);
}
