import { Agent, request } from 'undici';
import type { Operation } from '../../lib/load-driver.js';
import type { GraphQLRequest } from './operations.js';

export interface GraphQLResult {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message: string }[];
}

/**
 * The load client every peer gets alike: undici's `request` on one
 * keep-alive pool (cheaper per call than `fetch`, so more of a small
 * latency difference is the server's), one body encoding per operation.
 */
export class GraphQLClient {
  private readonly agent: Agent;

  constructor(connections: number) {
    this.agent = new Agent({ connections, keepAliveTimeout: 60_000, pipelining: 1 });
  }

  async post(url: string, body: GraphQLRequest | string): Promise<GraphQLResult> {
    const response = await request(url, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const result = (await response.body.json()) as GraphQLResult;
    if (response.statusCode !== 200 || result.errors) {
      throw new Error(result.errors?.[0]?.message ?? `HTTP ${response.statusCode}`);
    }
    return result;
  }

  /**
   * Benchmark requests: the n-th call sends `body(n)`, so every peer gets
   * the same sequence; fails on HTTP or GraphQL errors, so they are counted.
   */
  operation(url: string, body: (n: number) => GraphQLRequest): Operation {
    let n = 0;
    return async () => {
      await this.post(url, JSON.stringify(body(n++)));
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
