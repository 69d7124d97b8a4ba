import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';
import { BufferedResponse } from './bufferedResponse.js';

/** The fetch function RemoteGraphQLDataSource calls, as its own typings spell it. */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetcher {
  readonly fetch: Fetcher;
  /** Closes the pooled connections; in-flight requests finish first. */
  close(): Promise<void>;
}

export interface SubgraphFetcherOptions {
  /** Budget for one whole request: connecting, sending and reading the answer. */
  timeoutMs: number;
  /** CAs that `https://` subgraphs' certificates must chain to; unset: Node's defaults. */
  ca?: readonly string[] | undefined;
}

/**
 * One connection pool shared by every subgraph data source of a gateway.
 * Keep-alive spares a TCP (and TLS) handshake per subgraph call, and a pool
 * owned by the gateway, rather than Node's global one, is closed when the
 * gateway stops so no socket outlives it.
 *
 * Requests go through undici's `request`, not its WHATWG `fetch`: fetch's
 * web streams, WebIDL checks and `AbortSignal.timeout` cost more CPU than
 * everything else the gateway does per subgraph call (measured by the
 * gateway benchmark's profile). The answer is read whole, as the data
 * source would read it anyway.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({
    // Upper bound; undici closes earlier when a subgraph's Keep-Alive header asks.
    keepAliveTimeout: 30_000,
    connect: { timeout: options.timeoutMs, ...(options.ca && { ca: [...options.ca] }) },
  });
  const subgraphFetch: Fetcher = async (url, init = {}) => {
    // One timer bounds the whole exchange, reading the body included.
    const abort = new AbortController();
    const timer = setTimeout(() => {
      abort.abort(new DOMException('The subgraph did not answer in time.', 'TimeoutError'));
    }, options.timeoutMs);
    try {
      const response = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'POST') as 'POST',
        headers: init.headers,
        body: init.body,
        signal: abort.signal,
      });
      const body = await response.body.text();
      return new BufferedResponse(url, response.statusCode, response.headers, body);
    } finally {
      clearTimeout(timer);
    }
  };
  return { fetch: subgraphFetch, close: () => agent.close() };
}
