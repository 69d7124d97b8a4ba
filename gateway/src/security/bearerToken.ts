import { AuthenticationError } from './authenticationError.js';

/**
 * The token of an `Authorization: Bearer …` value; undefined when there is
 * none. Any other scheme or a malformed value is an `invalid_request`: a
 * client that sends credentials the gateway ignores should hear about it.
 */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization);
  if (!match?.[1]) {
    throw new AuthenticationError(
      'The Authorization header must be "Bearer <token>".',
      'invalid_request',
    );
  }
  return match[1];
}
