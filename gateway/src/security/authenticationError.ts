import { MemgateError } from '@memgate/platform/errors';

/** Where the caller's credentials failed, as RFC 6750 §3.1 names it. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token';

export const BEARER_REALM = 'memgate';

/**
 * A request the gateway cannot attribute to a caller it accepts: no token
 * where one is needed, or a token that is malformed, expired, or not ours.
 * It carries what the `WWW-Authenticate` challenge says; the HTTP layer sends
 * it as a 401 and the WebSocket layer as close code 4401.
 */
export class AuthenticationError extends MemgateError {
  constructor(
    readonly description: string,
    /** Absent when the request carried no credentials at all (RFC 6750 §3.1). */
    readonly bearerError: BearerErrorCode | undefined,
    options: { cause?: unknown } = {},
  ) {
    super('UNAUTHENTICATED', description, options);
  }

  /** The `WWW-Authenticate` header value of the 401 answer. */
  challenge(): string {
    const parts = [`realm="${BEARER_REALM}"`];
    if (this.bearerError) {
      parts.push(`error="${this.bearerError}"`, `error_description="${quoted(this.description)}"`);
    }
    return `Bearer ${parts.join(', ')}`;
  }
}

/** RFC 6750 allows only printable ASCII without `"` and `\` in the description. */
function quoted(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '');
}

export function tokenRequired(): AuthenticationError {
  return new AuthenticationError('A bearer token is required for this operation.', undefined);
}
