import { MemgateError } from '@memgate/platform/errors';
import type { GraphQLFormattedError } from 'graphql';

/** Why a subgraph could not answer, as `extensions.reason` tells clients. */
export type UnavailableReason = 'unreachable' | 'timeout' | 'bad-gateway';

/** Socket-level failures: nothing (or nothing complete) came back. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** What a proxy or load balancer in front of a dead subgraph answers. */
const BAD_GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * Decides whether an error thrown while fetching from a subgraph means the
 * subgraph is unavailable (as opposed to a bug or a bad answer, which keep
 * their own error). undici's fetch rejects with `TypeError('fetch failed')`
 * whose `cause` carries the socket error code, possibly inside an
 * AggregateError when several addresses were tried; an expired
 * `AbortSignal.timeout` rejects with a DOMException named `TimeoutError`;
 * RemoteGraphQLDataSource turns a non-2xx answer into a GraphQLError with
 * `extensions.response.status`.
 */
export function unavailableReason(error: unknown): UnavailableReason | undefined {
  if (BAD_GATEWAY_STATUSES.has(responseStatusOf(error) ?? 0)) return 'bad-gateway';
  let sawUnreachable = false;
  for (const link of causeChain(error)) {
    if (link.name === 'TimeoutError' || TIMEOUT_CODES.has(codeOf(link) ?? '')) return 'timeout';
    if (UNREACHABLE_CODES.has(codeOf(link) ?? '')) sawUnreachable = true;
  }
  return sawUnreachable ? 'unreachable' : undefined;
}

const REASON_TEXT: Record<UnavailableReason, string> = {
  unreachable: 'could not be reached',
  timeout: 'did not answer in time',
  'bad-gateway': 'answered that it is unavailable',
};

export function subgraphUnavailable(
  subgraph: string,
  reason: UnavailableReason,
  cause: unknown,
): MemgateError {
  // The message names the subgraph but not its URL: URLs are internal.
  return new MemgateError(
    'SUBGRAPH_UNAVAILABLE',
    `Subgraph "${subgraph}" ${REASON_TEXT[reason]}.`,
    { cause, details: { subgraph, reason } },
  );
}

/** The subgraph-response error that @apollo/gateway merges into the result. */
export function toSubgraphResponseError(error: MemgateError): GraphQLFormattedError {
  return { message: error.message, extensions: { ...error.details, code: error.code } };
}

/** Every error reachable through `cause` and AggregateError `errors`, breadth first. */
function causeChain(error: unknown): Error[] {
  const seen: Error[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 10) {
    const next = queue.shift();
    if (!(next instanceof Error) || seen.includes(next)) continue;
    seen.push(next);
    queue.push(next.cause);
    if (next instanceof AggregateError) queue.push(...(next.errors as unknown[]));
  }
  return seen;
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Read by shape, not `instanceof GraphQLError`: @apollo/gateway is CommonJS
 * and may hold another copy of graphql's classes than an ES module importer.
 */
function responseStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error) || !('extensions' in error)) return undefined;
  const { extensions } = error;
  if (typeof extensions !== 'object' || extensions === null || !('response' in extensions)) {
    return undefined;
  }
  const { response } = extensions;
  if (typeof response !== 'object' || response === null || !('status' in response))
    return undefined;
  return typeof response.status === 'number' ? response.status : undefined;
}
