import { context, SpanKind, trace } from '@opentelemetry/api';
import { createTracing, InMemorySpanExporter, injectKafkaHeaders } from '@memgate/platform/tracing';
import type { IHeaders } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LINKS, parentAndLinks, withConsumeSpan } from './consume-span.js';

const exporter = new InMemorySpanExporter();
const producer = createTracing({
  service: 'ingestion',
  spanExporter: exporter,
  registerGlobal: false,
});
const worker = createTracing({ service: 'worker', spanExporter: exporter, registerGlobal: false });

afterAll(async () => {
  await Promise.all([producer.shutdown(), worker.shutdown()]);
});

/** The headers of a message sent inside a fresh producer span (as Buffers, as consumers get them). */
function sentHeaders(): { headers: IHeaders; spanId: string; traceId: string } {
  const span = producer.tracer.startSpan('send', { kind: SpanKind.PRODUCER });
  const injected = context.with(trace.setSpan(context.active(), span), () =>
    injectKafkaHeaders({ 'content-type': 'application/json' }),
  );
  span.end();
  const headers = Object.fromEntries(
    Object.entries(injected).map(([name, value]) => [name, Buffer.from(String(value))]),
  );
  return { headers, ...span.spanContext() };
}

const consumed = (messages: { headers?: IHeaders }[]) => ({
  group: 'writers',
  topic: 'memgate.graph-ops',
  partition: 1,
  messages,
});

describe('withConsumeSpan', () => {
  it('continues the first traced message and links the other producers, each once', async () => {
    exporter.reset();
    const [first, second] = [sentHeaders(), sentHeaders()];
    const inside = await withConsumeSpan(
      worker.tracer,
      consumed([{}, first, second, first, { headers: { traceparent: Buffer.from('garbage') } }]),
      () => Promise.resolve(trace.getActiveSpan()?.spanContext().spanId),
    );
    const span = exporter
      .getFinishedSpans()
      .find((finished) => finished.name.startsWith('process'));
    expect(span?.name).toBe('process memgate.graph-ops');
    expect(span?.kind).toBe(SpanKind.CONSUMER);
    expect(inside).toBe(span?.spanContext().spanId);
    expect(span?.spanContext().traceId).toBe(first.traceId);
    expect(span?.parentSpanContext?.spanId).toBe(first.spanId);
    expect(span?.links.map((link) => link.context.spanId)).toEqual([second.spanId]);
    expect(span?.attributes['messaging.batch.message_count']).toBe(5);
  });

  it('starts a trace of its own when no message carries one', () => {
    const { parent, links } = parentAndLinks([{}, { headers: {} }]);
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links).toEqual([]);
  });

  it(`keeps at most ${MAX_LINKS} links however many traces a batch mixes`, () => {
    const messages = Array.from({ length: MAX_LINKS + 10 }, () => sentHeaders());
    expect(parentAndLinks(messages).links).toHaveLength(MAX_LINKS);
  });

  it('marks the span failed and rethrows when the work fails', async () => {
    exporter.reset();
    await expect(
      withConsumeSpan(worker.tracer, consumed([]), () => Promise.reject(new Error('engine down'))),
    ).rejects.toThrow('engine down');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(2);
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('just runs the work without a tracer', async () => {
    await expect(withConsumeSpan(undefined, consumed([]), () => Promise.resolve(7))).resolves.toBe(
      7,
    );
  });
});
