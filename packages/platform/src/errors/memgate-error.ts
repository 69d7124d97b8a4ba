/**
 * The one error hierarchy of Memgate. Every error a client can see carries a
 * stable `code` (surfaced as GraphQL `extensions.code` and in HTTP JSON bodies)
 * and the HTTP status that a REST endpoint answers with.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'DATABASE_UNAVAILABLE'
  | 'BROKER_UNAVAILABLE'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'RESULT_TOO_LARGE'
  | 'INVALID_SCHEMA'
  | 'INVALID_CONFIG'
  | 'SERVICE_START_FAILED'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  BROKER_UNAVAILABLE: 503,
  SUBGRAPH_UNAVAILABLE: 502,
  QUERY_TIMEOUT: 504,
  RESULT_TOO_LARGE: 413,
  INVALID_SCHEMA: 500,
  INVALID_CONFIG: 500,
  SERVICE_START_FAILED: 500,
  INTERNAL_SERVER_ERROR: 500,
};

export interface MemgateErrorOptions {
  cause?: unknown;
  /** Extra, client-safe facts added to GraphQL `extensions` / the JSON body. */
  details?: Record<string, unknown>;
}

export class MemgateError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: MemgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  /** The shape a REST endpoint answers with: `{ error: { code, message, ...details } }`. */
  toJSON(): { error: { code: ErrorCode; message: string } & Record<string, unknown> } {
    return { error: { ...this.details, code: this.code, message: this.message } };
  }
}

export function isMemgateError(value: unknown): value is MemgateError {
  return value instanceof MemgateError;
}
