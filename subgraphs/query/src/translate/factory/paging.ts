import { MemgateError } from '@memgate/platform/errors';
import type { Page } from '../ast/query-ast.js';

export interface ResultLimits {
  /** The most items one list in a result may hold; more is RESULT_TOO_LARGE, never a silent cut. */
  readonly maxListSize: number;
}

function nonNegative(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * `limit` / `offset` for a list. One item past the cap is fetched on
 * purpose: if it arrives, the result mapper reports RESULT_TOO_LARGE.
 */
export function listPage(args: Readonly<Record<string, unknown>>, limits: ResultLimits): Page {
  const limit = nonNegative(args['limit'], 'limit');
  const offset = nonNegative(args['offset'], 'offset');
  return { offset, limit: Math.min(limit ?? Number.MAX_SAFE_INTEGER, limits.maxListSize + 1) };
}

/** `first` / `after` for a connection: one extra edge tells whether a next page exists. */
export function connectionPage(
  args: Readonly<Record<string, unknown>>,
  limits: ResultLimits,
  decodeCursor: (cursor: string) => number,
): { page: Page; first: number } {
  const first = nonNegative(args['first'], 'first') ?? limits.maxListSize;
  if (first > limits.maxListSize) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `first must be at most ${limits.maxListSize}, got ${first}.`,
      {
        details: { maxListSize: limits.maxListSize },
      },
    );
  }
  const after = args['after'];
  const offset = typeof after === 'string' ? decodeCursor(after) + 1 : 0;
  return { page: { offset, limit: first + 1 }, first };
}
