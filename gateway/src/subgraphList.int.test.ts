import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { isMemgateError } from '@memgate/platform/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { startProducts, startReviews, type RunningSubgraph } from '../test/tinySubgraphs.js';
import { createGateway, type Gateway } from './createGateway.js';

async function query(url: string, document: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document }),
  });
  return response.json();
}

describe('a gateway composing its supergraph from running subgraphs (MEMGATE_SUBGRAPHS)', () => {
  let products: RunningSubgraph;
  let reviews: RunningSubgraph;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    [products, reviews] = await Promise.all([startProducts(), startReviews()]);
    gateway = createGateway({
      config: {
        port: 0,
        environment: 'development',
        // No such file: the supergraph must come from the subgraphs themselves.
        supergraphPath: join(tmpdir(), 'memgate-no-such-supergraph.graphql'),
        subgraphs: [`products=${products.url}`, `reviews=${reviews.url}`],
        subgraphsPollMs: 60_000,
      },
      logger: captureLogger().logger,
    });
    ({ url } = await gateway.start());
  });

  afterAll(async () => {
    await gateway.stop();
    await Promise.all([products.stop(), reviews.stop()]);
  });

  it('asks each subgraph for its SDL, composes, and plans across both', async () => {
    expect(await query(url, '{ products { id name rating } }')).toEqual({
      data: {
        products: [
          { id: 'p1', name: 'Lamp', rating: 4 },
          { id: 'p2', name: 'Desk', rating: 5 },
        ],
      },
    });
    // The SDL came from the subgraphs: each was asked for its _service.
    expect(products.requests.length).toBeGreaterThan(0);
    expect(reviews.requests.length).toBeGreaterThan(0);
  });

  it('is refused in production, which serves the committed supergraph', () => {
    let refusal: unknown;
    try {
      createGateway({
        config: {
          port: 0,
          environment: 'production',
          auth: 'off',
          internalIdentitySecret: 'production-test-secret-0123456789abc',
          subgraphs: [`products=${products.url}`],
        },
        logger: captureLogger().logger,
      });
    } catch (error) {
      refusal = error;
    }
    expect(isMemgateError(refusal) && refusal.code).toBe('INVALID_CONFIG');
    expect(refusal).toHaveProperty('message', expect.stringContaining('MEMGATE_SUBGRAPHS'));
  });

  it('names a malformed entry instead of starting', () => {
    expect(() =>
      createGateway({
        config: { port: 0, environment: 'development', subgraphs: ['products'] },
        logger: captureLogger().logger,
      }),
    ).toThrow('MEMGATE_SUBGRAPHS: "products": expected name=url, with a GraphQL name.');
  });
});
