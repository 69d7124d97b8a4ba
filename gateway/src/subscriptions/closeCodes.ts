import { CloseCode } from 'graphql-ws';

/**
 * Close codes the gateway itself uses, next to the ones graphql-ws sends on
 * its own (4400 bad message, 4401 subscribe before ack, 4408 no
 * connection_init in time, 4409 duplicate id, 4429 second connection_init).
 */
export const CLOSE = {
  /** connection_init refused: bad or missing token, or the token expired while connected. Clients retry. */
  forbidden: CloseCode.Forbidden,
  /** RFC 6455 "Try Again Later": the client did not keep up; it may reconnect. */
  slowConsumer: 1013,
} as const;

/** A close reason fits in 123 bytes (RFC 6455 §5.5). */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : `${bytes.subarray(0, 120).toString()}…`;
}
