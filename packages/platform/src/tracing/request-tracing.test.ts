import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { assignRequestId, listen } from '../http/index.js';
import { createLogger } from '../logging/index.js';
import { injectHttpHeaders } from './http-context.js';
import { currentRequestId } from '../logging/index.js';
import { traceContextOf, traceRequests } from './request-tracing.js';
import { createTracing } from './setup-tracing.js';
import { InMemorySpanExporter } from './testing.js';

describe('traceRequests', () => {
  it('continues the caller’s trace and puts the request id and trace id on every log line', async () => {
    const exporter = new InMemorySpanExporter();
    const caller = createTracing({
      service: 'gateway',
      spanExporter: exporter,
      registerGlobal: false,
    });
    const callee = createTracing({
      service: 'query',
      spanExporter: exporter,
      registerGlobal: false,
    });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      service: 'query',
      level: 'info',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    });
    const app = express();
    app.use(assignRequestId, traceRequests(callee.tracer));
    app.post('/graphql', (_req, res) => {
      setTimeout(() => {
        logger.info('resolving');
        res.json({ data: {} });
      }, 1);
    });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const outgoing = caller.tracer.startSpan('fetch query');
      const headers = context.with(trace.setSpan(context.active(), outgoing), () =>
        injectHttpHeaders({ 'x-request-id': 'req-42' }),
      );
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers });
      expect(response.status).toBe(200);
      outgoing.end();
      const handled = exporter.getFinishedSpans().find((span) => span.name === 'POST /graphql');
      expect(handled?.parentSpanContext?.spanId).toBe(outgoing.spanContext().spanId);
      expect(handled?.attributes).toMatchObject({
        'memgate.request_id': 'req-42',
        'http.response.status_code': 200,
      });
      expect(lines).toEqual([
        expect.objectContaining({
          msg: 'resolving',
          requestId: 'req-42',
          trace_id: outgoing.spanContext().traceId,
          span_id: handled?.spanContext().spanId,
        }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('without an async context, hands the route the caller’s trace and makes nothing current', async () => {
    const tracing = createTracing({ service: 'gateway', registerGlobal: false });
    const seen: { traceId?: string; active?: string; requestId?: string }[] = [];
    const app = express();
    app.use(assignRequestId, traceRequests(tracing.tracer, false));
    app.post('/graphql', (_req, res) => {
      setTimeout(() => {
        seen.push({
          traceId: trace.getSpanContext(traceContextOf(res) ?? context.active())?.traceId,
          active: trace.getSpanContext(context.active())?.traceId,
          requestId: currentRequestId(),
        });
        res.json({ data: {} });
      }, 1);
    });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'req-7' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('req-7');
      expect(seen).toEqual([{ traceId, active: undefined, requestId: undefined }]);
    } finally {
      await server.close();
    }
  });
});
