import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createServiceMetrics, sampleValue, parseExposition } from '@memgate/platform/metrics';
import { createTracing, InMemorySpanExporter } from '@memgate/platform/tracing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../../test/captureLogger.js';
import { closedPortUrl } from '../../test/closedPortUrl.js';
import type { GatewayContext } from '../context.js';
import { createSubgraphFetcher, type SubgraphFetcher } from './subgraphFetcher.js';
import { SubgraphDataSource } from './SubgraphDataSource.js';

/**
 * Real requests over loopback: the errors this data source maps are the ones
 * undici actually raises, not hand-made look-alikes.
 */

type Responder = (headers: IncomingHttpHeaders) => { status: number; body: string } | 'hang';

let server: Server;
let baseUrl: string;
let respond: Responder;
let fetcher: SubgraphFetcher;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = respond(req.headers);
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(async () => {
  await fetcher.close();
});

const spans = new InMemorySpanExporter();
const tracing = createTracing({ service: 'gateway', spanExporter: spans, registerGlobal: false });
let metrics = createServiceMetrics({ service: 'gateway', defaultMetrics: false });

function dataSource(url: string, timeoutMs = 5_000): SubgraphDataSource {
  fetcher = createSubgraphFetcher({ timeoutMs });
  metrics = createServiceMetrics({ service: 'gateway', defaultMetrics: false });
  return new SubgraphDataSource({
    name: 'reviews',
    url,
    fetch: fetcher.fetch,
    logger: captureLogger().logger,
    metrics: metrics.subgraph,
    tracer: tracing.tracer,
  });
}

async function fetches(outcome: 'success' | 'error'): Promise<number | undefined> {
  const samples = parseExposition(await metrics.registry.metrics());
  return sampleValue(samples, 'memgate_subgraph_fetch_duration_seconds_count', {
    subgraph: 'reviews',
    outcome,
  });
}

/** An operation as @apollo/gateway hands it over; only the fields the data source reads. */
function operation(requestId = 'req-1'): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: 'incoming operation',
    request: { query: '{ __typename }' },
    context: { requestId },
    incomingRequestContext: {},
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

function healthCheck(): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: 'health check',
    request: { query: '{ __typename }' },
    context: {},
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('SubgraphDataSource', () => {
  it('passes a subgraph answer through and forwards the request id', async () => {
    let seen: IncomingHttpHeaders = {};
    respond = (headers) => {
      seen = headers;
      return { status: 200, body: JSON.stringify({ data: { __typename: 'Query' } }) };
    };
    const response = await dataSource(baseUrl).process(operation('req-7'));
    expect(response.data).toEqual({ __typename: 'Query' });
    expect(seen['x-request-id']).toBe('req-7');
  });

  it('answers for a refused connection with SUBGRAPH_UNAVAILABLE naming the subgraph', async () => {
    const response = await dataSource(await closedPortUrl()).process(operation());
    expect(response).toEqual({
      errors: [
        {
          message: 'Subgraph "reviews" could not be reached.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'reviews', reason: 'unreachable' },
        },
      ],
    });
  });

  it('answers for a subgraph that does not respond in time', async () => {
    respond = () => 'hang';
    const response = await dataSource(baseUrl, 50).process(operation());
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'reviews',
      reason: 'timeout',
    });
  });

  it('answers for a 503 from whatever stands in front of the subgraph', async () => {
    respond = () => ({ status: 503, body: '{"message":"no healthy upstream"}' });
    const response = await dataSource(baseUrl).process(operation());
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'reviews',
      reason: 'bad-gateway',
    });
  });

  it('keeps other HTTP failures as they are', async () => {
    respond = () => ({ status: 400, body: '{"errors":[{"message":"bad"}]}' });
    await expect(dataSource(baseUrl).process(operation())).rejects.toThrow('400: Bad Request');
  });

  it('keeps throwing for health checks, which is how the gateway sees them fail', async () => {
    await expect(dataSource(await closedPortUrl()).process(healthCheck())).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('sends the trace context of a client span per fetch, and times the fetch', async () => {
    let seen: IncomingHttpHeaders = {};
    respond = (headers) => {
      seen = headers;
      return { status: 200, body: JSON.stringify({ data: { __typename: 'Query' } }) };
    };
    spans.reset();
    await dataSource(baseUrl).process(operation());
    const [span] = spans.getFinishedSpans();
    expect(span?.name).toBe('subgraph reviews');
    const { traceId, spanId } = span?.spanContext() ?? {};
    expect(seen['traceparent']).toBe(`00-${traceId}-${spanId}-01`);
    expect(await fetches('success')).toBe(1);
  });

  it('counts a fetch that found the subgraph down as an error', async () => {
    await dataSource(await closedPortUrl()).process(operation());
    expect(await fetches('error')).toBe(1);
    expect(await fetches('success')).toBeUndefined();
  });
});
