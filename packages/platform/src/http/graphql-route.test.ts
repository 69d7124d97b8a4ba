import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.js';
import { createTracing, injectHttpHeaders, InMemorySpanExporter } from '../tracing/index.js';
import { createServiceApp } from './service-app.js';
import { graphqlRoute } from './graphql-route.js';
import { listen, type Listening } from './listen.js';

const LIMIT = 2_000;
const exporter = new InMemorySpanExporter();
const tracing = createTracing({ service: 'query', spanExporter: exporter, registerGlobal: false });
const errors: Record<string, unknown>[] = [];
const logger = createLogger({
  service: 'query',
  level: 'error',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      errors.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  }),
});
const apollo = new ApolloServer<{ caller: string }>({
  typeDefs: 'type Query { hello(name: String): String, caller: String }',
  resolvers: {
    Query: {
      hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'world'}`,
      caller: (_: unknown, __: unknown, { caller }: { caller: string }) => caller,
    },
  },
  stopOnTerminationSignals: false,
});
let listening: Listening;
let url: string;
let contexts = 0;

beforeAll(async () => {
  await apollo.start();
  const { app, finish } = createServiceApp({ logger, readiness: [] });
  finish();
  const route = graphqlRoute({
    apollo,
    context: () => {
      contexts += 1;
      return Promise.resolve({ caller: 'context' });
    },
    maxBodyBytes: LIMIT,
    admit: (headers) => {
      if (headers['x-fail-check'] !== undefined) return Promise.reject(new Error('check broke'));
      return Promise.resolve(
        headers['x-stranger'] === undefined
          ? undefined
          : { status: 401, headers: { 'WWW-Authenticate': 'Test' }, body: { refused: true } },
      );
    },
    tracer: tracing.tracer,
    logger,
  });
  listening = await listen(app, 0, '127.0.0.1', { '/graphql': route });
  url = `${listening.url}/graphql`;
});

afterAll(async () => {
  await listening.close();
  await apollo.stop();
});

const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('graphqlRoute', () => {
  it('answers a POSTed operation with its context, echoing the request id', async () => {
    const response = await post(
      JSON.stringify({
        query: 'query($n: String) { hello(name: $n) caller }',
        variables: { n: 'ada' },
      }),
      { 'x-request-id': 'req-7' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-7');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ data: { hello: 'hello ada', caller: 'context' } });
  });

  it('answers GET with the query string, and leaves other paths to the app', async () => {
    const get = await fetch(`${url}?query=${encodeURIComponent('{ hello }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { hello: 'hello world' } });
    expect((await fetch(`${listening.url}/healthz`)).status).toBe(200);
    const missing = await fetch(`${listening.url}/graphql/deeper`, { method: 'POST' });
    expect(missing.status).toBe(404);
  });

  it('lets Apollo refuse a body that is not JSON (CSRF prevention)', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ hello }',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|content-type/i);
  });

  it('refuses a caller before reading the body: an oversize or broken body still gets the refusal', async () => {
    const before = contexts;
    for (const body of ['x'.repeat(LIMIT * 4), '{ not json']) {
      const response = await post(body, { 'x-stranger': 'yes' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Test');
      // The unread body is not drained: the connection closes instead.
      expect(response.headers.get('connection')).toBe('close');
      expect(await response.json()).toEqual({ refused: true });
    }
    expect(contexts).toBe(before);
    const bodiless = await fetch(url, { headers: { 'x-stranger': 'yes' } });
    expect(bodiless.status).toBe(401);
    expect(bodiless.headers.get('connection')).not.toBe('close');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit, declared or streamed', async () => {
    const declared = await post(JSON.stringify({ query: `{ hello } #${'x'.repeat(LIMIT)}` }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than ${LIMIT} bytes.`,
        limitBytes: LIMIT,
      },
    });
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i += 1)
          controller.enqueue(new TextEncoder().encode('x'.repeat(LIMIT)));
        controller.close();
      },
    });
    expect(declared.headers.get('connection')).toBe('close');
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
  });

  it('answers 400 BAD_REQUEST for JSON that does not parse, and 415 for a charset other than UTF-8', async () => {
    const broken = await post('{ "query": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' },
    });
    const latin = await post(JSON.stringify({ query: '{ hello }' }), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(latin.status).toBe(415);
    expect(((await latin.json()) as { error: { code: string } }).error.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const utf8 = await post(JSON.stringify({ query: '{ hello }' }), {
      'content-type': 'application/json; charset="UTF-8"',
    });
    expect(utf8.status).toBe(200);
  });

  it('answers a failing caller check with a logged 500 and no detail', async () => {
    errors.length = 0;
    const response = await post(JSON.stringify({ query: '{ hello }' }), { 'x-fail-check': '1' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' },
    });
    expect(errors).toEqual([expect.objectContaining({ msg: 'request failed', path: '/graphql' })]);
  });

  it('continues the caller’s trace in a server span named without the query string', async () => {
    exporter.reset();
    const outgoing = tracing.tracer.startSpan('fetch');
    const headers = context.with(trace.setSpan(context.active(), outgoing), () =>
      injectHttpHeaders({ 'content-type': 'application/json', 'x-request-id': 'req-8' }),
    );
    const response = await fetch(`${url}?trace=1`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ hello }' }),
    });
    expect(response.status).toBe(200);
    outgoing.end();
    const handled = exporter.getFinishedSpans().find((span) => span.name === 'POST /graphql');
    expect(handled?.parentSpanContext?.spanId).toBe(outgoing.spanContext().spanId);
    expect(handled?.attributes).toMatchObject({
      'memgate.request_id': 'req-8',
      'http.response.status_code': 200,
    });
  });
});
