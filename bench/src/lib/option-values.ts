import { UsageError } from './usage-error.js';

/**
 * Parsers for scenario flag values. Each names the flag in its error, so a
 * typo reads `--duration: "5x" is not a duration (e.g. 500ms, 5s, 2m)`.
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000 };

/** `500ms`, `5s`, `1.5s`, `2m`; a bare number is seconds. */
export function parseDurationMs(flag: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  const amount = match?.[1];
  if (amount === undefined) {
    throw new UsageError(`--${flag}: "${raw}" is not a duration (e.g. 500ms, 5s, 2m)`);
  }
  const ms = Number(amount) * (UNIT_MS[match?.[2] ?? 's'] ?? 1_000);
  if (ms <= 0) throw new UsageError(`--${flag}: the duration must be longer than 0`);
  return ms;
}

export function parsePositiveInt(flag: string, raw: string): number {
  const value = Number(raw.trim().replaceAll('_', ''));
  if (!/^\d[\d_]*$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`--${flag}: "${raw}" is not a whole number >= 1`);
  }
  return value;
}

/** `0` is allowed, e.g. for "no warm-up". */
export function parseCount(flag: string, raw: string): number {
  return raw.trim() === '0' ? 0 : parsePositiveInt(flag, raw);
}

/** `1,8,32`: a comma-separated list of whole numbers >= 1, duplicates removed, order kept. */
export function parsePositiveIntList(flag: string, raw: string): number[] {
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new UsageError(`--${flag}: give at least one number, e.g. 1,8`);
  return [...new Set(parts.map((part) => parsePositiveInt(flag, part)))];
}

/** A comma-separated subset of `allowed`, in the order given. */
export function parseChoiceList<T extends string>(
  flag: string,
  raw: string,
  allowed: readonly T[],
): T[] {
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = parts.filter((part) => !(allowed as readonly string[]).includes(part));
  if (parts.length === 0 || unknown.length > 0) {
    throw new UsageError(`--${flag}: "${raw}" must list some of: ${allowed.join(', ')}`);
  }
  return [...new Set(parts as T[])];
}

/** The value of a flag that has a default, or a clear error when the scenario forgot to declare one. */
export function required(
  options: Readonly<Record<string, string | undefined>>,
  flag: string,
): string {
  const value = options[flag];
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  return value;
}
