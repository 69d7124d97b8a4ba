import type { GraphQLFormattedError } from 'graphql';

/** What the gateway's own executor answered for a derived operation. */
export interface DerivedResult {
  readonly data?: Record<string, unknown> | null | undefined;
  readonly errors?: readonly GraphQLFormattedError[] | undefined;
}

/**
 * The errors of a derived answer that concern one element of it (the
 * response key, and the list index when the field is a list), with paths
 * relative to that element, so they can be re-rooted under the subscription
 * field the element completes. Errors without a path concern everything.
 */
export function errorsUnder(
  result: DerivedResult,
  responseKey: string,
  index: number | undefined,
): GraphQLFormattedError[] {
  const prefix: (string | number)[] = index === undefined ? [responseKey] : [responseKey, index];
  const found: GraphQLFormattedError[] = [];
  for (const error of result.errors ?? []) {
    const path = error.path;
    if (!path) {
      found.push({ ...error });
      continue;
    }
    if (prefix.every((part, position) => path[position] === part)) {
      found.push({ ...error, path: path.slice(prefix.length) });
    }
  }
  return found;
}

/** What completes one event: the derived data and the errors that came with it. */
export interface Completion {
  readonly value: unknown;
  readonly errors: readonly GraphQLFormattedError[];
}
