import type { IncomingMessage } from 'node:http';

/**
 * The bearer credentials of a WebSocket connection: browsers cannot set
 * headers on a WebSocket, so clients put them in `connection_init`'s
 * payload (`{ authorization: "Bearer …" }`, or Apollo Client's
 * `{ headers: { Authorization } }`); other clients may send the header
 * with the upgrade request.
 */
export function connectionAuthorization(
  params: Readonly<Record<string, unknown>> | undefined,
  request: IncomingMessage,
): string | undefined {
  const headers = params?.['headers'];
  const candidates: unknown[] = [
    params?.['authorization'],
    params?.['Authorization'],
    typeof headers === 'object' && headers !== null
      ? (headers as Record<string, unknown>)['authorization']
      : undefined,
    typeof headers === 'object' && headers !== null
      ? (headers as Record<string, unknown>)['Authorization']
      : undefined,
    request.headers.authorization,
  ];
  const found = candidates.find(
    (candidate) => typeof candidate === 'string' && candidate.length > 0,
  );
  return typeof found === 'string' ? found : undefined;
}
