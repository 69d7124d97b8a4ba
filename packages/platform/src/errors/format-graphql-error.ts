import { isMemgateError, type MemgateError } from './memgate-error.js';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Extensions that only help someone who can read the servers: the subgraph
 * HTTP response (its internal URL and raw body) and stack traces.
 */
const INTERNAL_EXTENSIONS = ['response', 'stacktrace', 'exception'] as const;

export interface FormatErrorOptions {
  /** Production: hide what an INTERNAL_SERVER_ERROR says and internal extensions. */
  maskInternalErrors: boolean;
}

export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/**
 * Apollo Server's `formatError`. Every error keeps `extensions.code` so
 * clients can branch on it; a MemgateError thrown anywhere below contributes
 * its own code and client-safe details instead of Apollo's catch-all
 * INTERNAL_SERVER_ERROR.
 */
export function createFormatError(options: FormatErrorOptions): FormatError {
  return (formatted, error) => {
    const withCode = withMemgateCode(formatted, findMemgateError(error));
    return options.maskInternalErrors ? mask(withCode) : withCode;
  };
}

function withMemgateCode(
  formatted: GraphQLFormattedError,
  memgate: MemgateError | undefined,
): GraphQLFormattedError {
  if (!memgate) return formatted;
  return {
    ...formatted,
    message: memgate.message,
    extensions: { ...formatted.extensions, ...memgate.details, code: memgate.code },
  };
}

function mask(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (code === 'INTERNAL_SERVER_ERROR') {
    // The message of an unexpected error may name hosts, queries or data.
    return {
      message: 'Internal server error',
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions: { code },
    };
  }
  const extensions = Object.fromEntries(
    Object.entries(formatted.extensions ?? {}).filter(
      ([key]) => !(INTERNAL_EXTENSIONS as readonly string[]).includes(key),
    ),
  );
  return { ...formatted, extensions };
}

/**
 * graphql-js wraps what a resolver throws in a GraphQLError, and Apollo wraps
 * what is not a GraphQLError; the MemgateError, if any, is somewhere on the
 * `originalError` / `cause` chain.
 */
function findMemgateError(error: unknown): MemgateError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (isMemgateError(current)) return current;
    current = 'originalError' in current ? current.originalError : current.cause;
  }
  return undefined;
}
