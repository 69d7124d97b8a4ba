import {
  createClient,
  type Client,
  type FormattedExecutionResult as ExecutionResult,
} from 'graphql-ws';
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

export interface Subscription<T = Record<string, unknown>> {
  /** Every result so far. */
  readonly results: ExecutionResult<T, unknown>[];
  /** The error the server ended the operation with, if any. */
  error(): unknown;
  /** Waits until `count` results have arrived. */
  received(count: number, timeoutMs?: number): Promise<ExecutionResult<T, unknown>[]>;
  readonly completed: Promise<void>;
  dispose(): void;
}

export interface TestClient {
  readonly client: Client;
  /** Resolves with the close event once the server or the client closes the socket. */
  readonly closed: Promise<Closed>;
  subscribe<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Subscription<T>;
  close(): Promise<void>;
}

/** A graphql-ws client as applications use it, that never retries, for tests. */
export function connect(url: string, connectionParams: Record<string, unknown> = {}): TestClient {
  let resolveClosed!: (closed: Closed) => void;
  const closed = new Promise<Closed>((resolve) => {
    resolveClosed = resolve;
  });
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolveClosed({ code, reason });
      },
    },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}) {
      const results: ExecutionResult<T, unknown>[] = [];
      let failure: unknown;
      let waiters: (() => void)[] = [];
      let resolveCompleted!: () => void;
      const completed = new Promise<void>((resolve) => {
        resolveCompleted = resolve;
      });
      const notify = (): void => {
        const pending = waiters;
        waiters = [];
        for (const waiter of pending) waiter();
      };
      const dispose = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            results.push(result);
            notify();
          },
          error: (error: unknown) => {
            failure = error;
            notify();
            resolveCompleted();
          },
          complete: () => {
            notify();
            resolveCompleted();
          },
        },
      );
      return {
        results,
        error: () => failure,
        completed,
        dispose,
        received: async (count, timeoutMs = 10_000) => {
          const deadline = Date.now() + timeoutMs;
          while (results.length < count) {
            if (failure !== undefined)
              throw new Error(`subscription failed: ${JSON.stringify(failure)}`);
            const left = deadline - Date.now();
            if (left <= 0)
              throw new Error(
                `expected ${count} results, got ${results.length}: ${JSON.stringify(results)}`,
              );
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return results;
        },
      };
    },
    close: async () => {
      await client.dispose();
    },
  };
}
