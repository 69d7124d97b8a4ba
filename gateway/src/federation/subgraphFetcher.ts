import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch } from 'undici';

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
}

/**
 * One connection pool shared by every subgraph data source of a gateway.
 * Keep-alive spares a TCP (and TLS) handshake per subgraph call, and a pool
 * owned by the gateway, rather than Node's global one, is closed when the
 * gateway stops so no socket outlives it.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({
    // Upper bound; undici closes earlier when a subgraph's Keep-Alive header asks.
    keepAliveTimeout: 30_000,
    connect: { timeout: options.timeoutMs },
  });
  const subgraphFetch: Fetcher = (url, init) =>
    fetch(url, {
      ...init,
      dispatcher: agent,
      // Also covers reading the body, which the agent's own timeouts do not bound as a whole.
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  return { fetch: subgraphFetch, close: () => agent.close() };
}
