import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { context, SpanKind, trace } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.js';
import { withCypherSpan } from './cypher-span.js';
import { extractHttpContext, injectHttpHeaders } from './http-context.js';
import { extractKafkaContext, injectKafkaHeaders } from './kafka-context.js';
import { throughKafkaWire } from './test-fixtures/kafka-wire.js';
import { createTracing } from './setup-tracing.js';
import { InMemorySpanExporter, renderTraceTree } from './testing.js';

const exporter = new InMemorySpanExporter();
// One provider per service, as in four processes; they share the exporter.
const [gateway, subgraph, worker] = ['gateway', 'ingestion', 'worker'].map((service) =>
  createTracing({ service, spanExporter: exporter, registerGlobal: false }),
) as [
  ReturnType<typeof createTracing>,
  ReturnType<typeof createTracing>,
  ReturnType<typeof createTracing>,
];

afterAll(async () => {
  await Promise.all([gateway, subgraph, worker].map((tracing) => tracing.shutdown()));
});

/** A real HTTP hop: the "subgraph" server continues the trace from the request headers. */
async function postThroughHttp(
  onRequest: (headers: IncomingHttpHeaders) => Promise<void>,
): Promise<void> {
  const server = createServer((req, res) => {
    onRequest(req.headers).then(
      () => res.end('{}'),
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { port, host: '127.0.0.1', method: 'POST', path: '/graphql', headers: injectHttpHeaders() },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error('HTTP hop failed')),
          );
        },
      );
      req.on('error', reject);
      req.end('{"query":"mutation { upsertPeople }"}');
    });
  } finally {
    server.close();
  }
}

describe('trace context across gateway → subgraph → Kafka → worker → Cypher', () => {
  it('makes one trace whose spans chain parent to child, with trace ids in the logs', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const workerLog = createLogger({ service: 'worker', level: 'info', destination });
    let consumed: { value: Buffer; headers: IHeaders } | undefined;

    await gateway.tracer.startActiveSpan(
      'POST /graphql',
      { kind: SpanKind.SERVER },
      async (root) => {
        await gateway.tracer.startActiveSpan(
          'fetch ingestion',
          { kind: SpanKind.CLIENT },
          async (fetch) => {
            await postThroughHttp(async (headers) => {
              const parent = extractHttpContext(headers);
              const span = subgraph.tracer.startSpan(
                'POST /graphql',
                { kind: SpanKind.SERVER },
                parent,
              );
              await context.with(trace.setSpan(parent, span), async () => {
                const producer = subgraph.tracer.startSpan('send memgate.graph-ops', {
                  kind: SpanKind.PRODUCER,
                });
                context.with(trace.setSpan(context.active(), producer), () => {
                  // What kafkajs gets from the producer, and what the consumer gets back.
                  consumed = throughKafkaWire({
                    value: '{"op":"upsert"}',
                    headers: injectKafkaHeaders({ 'content-type': 'application/json' }),
                  });
                });
                producer.end();
              });
              span.end();
            });
            fetch.end();
          },
        );
        root.end();
      },
    );

    expect(consumed?.headers['traceparent']).toBeInstanceOf(Buffer);
    expect(String(consumed?.headers['content-type'])).toBe('application/json');
    const parent = extractKafkaContext(consumed?.headers);
    const consume = worker.tracer.startSpan(
      'process memgate.graph-ops',
      { kind: SpanKind.CONSUMER },
      parent,
    );
    await context.with(trace.setSpan(parent, consume), async () => {
      workerLog.info('writing batch');
      await withCypherSpan(
        worker.tracer,
        { operation: 'upsertNodes', mode: 'write', engine: 'neo4j' },
        () => Promise.resolve([{ n: 1 }, { n: 2 }]),
      );
    });
    consume.end();

    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(renderTraceTree(spans)).toBe(
      [
        'gateway: POST /graphql',
        '  gateway: fetch ingestion',
        '    ingestion: POST /graphql',
        '      ingestion: send memgate.graph-ops',
        '        worker: process memgate.graph-ops',
        '          worker: cypher write upsertNodes',
      ].join('\n'),
    );
    const cypher = spans.find((span) => span.name === 'cypher write upsertNodes');
    expect(cypher?.attributes).toMatchObject({
      'db.system': 'memgraph',
      'db.operation.name': 'upsertNodes',
      'db.response.returned_rows': 2,
    });
    expect(cypher?.attributes).not.toHaveProperty('db.query.text');

    const [line] = lines;
    expect(line).toMatchObject({
      service: 'worker',
      msg: 'writing batch',
      trace_id: consume.spanContext().traceId,
      span_id: consume.spanContext().spanId,
    });
  });

  it('records a failed Cypher execution as an error span and rethrows', async () => {
    exporter.reset();
    await expect(
      withCypherSpan(worker.tracer, { operation: 'list', mode: 'read' }, () =>
        Promise.reject(new Error('engine down')),
      ),
    ).rejects.toThrow('engine down');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toMatchObject({ code: 2, message: 'engine down' });
  });

  it('adds no trace fields to log lines outside a span', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    createLogger({ service: 'query', level: 'info', destination }).info('idle');
    expect(lines[0]).not.toMatch(/trace_id|span_id|requestId/);
  });
});
