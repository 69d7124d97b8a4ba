import { toBoltDateTime } from '@memgate/cypher';

/**
 * How a raw date is written. `iso` (the default): an ISO-8601 date-time
 * with an offset, kept as written (nanoseconds included). `epochMillis` /
 * `epochSeconds`: a number (or numeric string) since 1970-01-01 UTC. Or a
 * pattern of the tokens YYYY MM DD HH mm ss SSS between literal characters,
 * read as UTC: `YYYY-MM-DD`, `DD/MM/YYYY HH:mm`.
 */
export type DateFormat =
  | { readonly kind: 'iso' }
  | { readonly kind: 'epochMillis' }
  | { readonly kind: 'epochSeconds' }
  | {
      readonly kind: 'pattern';
      readonly text: string;
      readonly regex: RegExp;
      readonly tokens: readonly Token[];
    };

type Token = 'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss' | 'SSS';
const TOKENS: readonly Token[] = ['YYYY', 'SSS', 'MM', 'DD', 'HH', 'mm', 'ss'];
const TOKEN_REGEX: Record<Token, string> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{1,2})',
  DD: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{1,3})',
};

export function parseDateFormat(text: string): DateFormat | { readonly error: string } {
  if (text === 'iso' || text === 'epochMillis' || text === 'epochSeconds') return { kind: text };
  const tokens: Token[] = [];
  let regex = '';
  let rest = text;
  while (rest.length > 0) {
    const token = TOKENS.find((candidate) => rest.startsWith(candidate));
    if (token) {
      if (tokens.includes(token)) return { error: `the date format "${text}" has ${token} twice` };
      tokens.push(token);
      regex += TOKEN_REGEX[token];
      rest = rest.slice(token.length);
    } else if (/^[A-Za-z]/.test(rest)) {
      return {
        error: `unknown token in the date format "${text}" at "${rest}": use iso, epochMillis, epochSeconds or YYYY MM DD HH mm ss SSS`,
      };
    } else {
      regex += (rest[0] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      rest = rest.slice(1);
    }
  }
  if (!tokens.includes('YYYY') || !tokens.includes('MM') || !tokens.includes('DD')) {
    return { error: `the date format "${text}" needs at least YYYY, MM and DD` };
  }
  return { kind: 'pattern', text, regex: new RegExp(`^${regex}$`), tokens };
}

/** A raw value as an ISO-8601 date-time string, or the reason it is not one. */
export function readDate(format: DateFormat, value: unknown): string | { readonly error: string } {
  switch (format.kind) {
    case 'iso':
      if (typeof value === 'string') {
        try {
          toBoltDateTime(value);
          return value;
        } catch {
          // reported below
        }
      }
      return {
        error: `expected an ISO-8601 date-time with an offset, got ${JSON.stringify(value)}`,
      };
    case 'epochMillis':
    case 'epochSeconds': {
      const number =
        typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
      const millis =
        typeof number === 'number' ? (format.kind === 'epochMillis' ? number : number * 1000) : NaN;
      const date = new Date(millis);
      if (!Number.isFinite(millis) || Number.isNaN(date.getTime())) {
        return {
          error: `expected ${format.kind === 'epochMillis' ? 'epoch milliseconds' : 'epoch seconds'}, got ${JSON.stringify(value)}`,
        };
      }
      return date.toISOString();
    }
    case 'pattern':
      return readPattern(format, value);
  }
}

function readPattern(
  format: Extract<DateFormat, { kind: 'pattern' }>,
  value: unknown,
): string | { readonly error: string } {
  const match = typeof value === 'string' ? format.regex.exec(value.trim()) : null;
  const bad = { error: `expected a date as ${format.text}, got ${JSON.stringify(value)}` };
  if (!match) return bad;
  const part = (token: Token): number => {
    const index = format.tokens.indexOf(token);
    return index < 0 ? 0 : Number(match[index + 1]);
  };
  const [year, month, day, hour, minute, second] = [
    part('YYYY'),
    part('MM'),
    part('DD'),
    part('HH'),
    part('mm'),
    part('ss'),
  ];
  const millis = format.tokens.includes('SSS')
    ? Number((match[format.tokens.indexOf('SSS') + 1] ?? '0').padEnd(3, '0'))
    : 0;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  // Date.UTC rolls 31 February over into March; a real date reads back the same.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return bad;
  }
  return date.toISOString();
}
