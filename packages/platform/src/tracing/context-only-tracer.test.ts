import { context, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { correlationFields } from '../logging/index.js';
import { ContextOnlyTracer } from './context-only-tracer.js';
import { createTracing, installTracePropagation } from './setup-tracing.js';

const remoteParent: SpanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.NONE,
  isRemote: true,
};

beforeAll(() => installTracePropagation());

describe('ContextOnlyTracer', () => {
  const tracer = new ContextOnlyTracer();

  it('starts a new sampled trace with valid ids, recording nothing', () => {
    const span = tracer.startSpan('root');
    const ids = span.spanContext();
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(ids.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(span.isRecording()).toBe(false);
    expect(tracer.startSpan('another').spanContext().traceId).not.toBe(ids.traceId);
  });

  it('continues a caller’s trace with its own span id and the caller’s sampling flag', () => {
    const parent = trace.setSpanContext(context.active(), remoteParent);
    const ids = tracer.startSpan('child', {}, parent).spanContext();
    expect(ids).toMatchObject({ traceId: remoteParent.traceId, traceFlags: TraceFlags.NONE });
    expect(ids.spanId).not.toBe(remoteParent.spanId);
    expect(tracer.startSpan('root', { root: true }, parent).spanContext().traceId).not.toBe(
      remoteParent.traceId,
    );
  });

  it('makes the span active for each form of startActiveSpan and returns what the function returns', () => {
    const parent = trace.setSpanContext(context.active(), remoteParent);
    const seen: (string | undefined)[] = [];
    const record = (span: { spanContext(): SpanContext }): string => {
      seen.push(trace.getSpan(context.active())?.spanContext().spanId);
      return span.spanContext().traceId;
    };
    const plain = tracer.startActiveSpan('a', record);
    expect(tracer.startActiveSpan('b', {}, record)).toMatch(/^[0-9a-f]{32}$/);
    expect(tracer.startActiveSpan('c', {}, parent, record)).toBe(remoteParent.traceId);
    expect(plain).not.toBe(remoteParent.traceId);
    expect(seen.every((id) => id !== undefined && /^[0-9a-f]{16}$/.test(id))).toBe(true);
  });

  it('is what a service that exports nothing gets, and its trace ids still reach log lines', () => {
    const tracing = createTracing({ service: 'query', registerGlobal: false });
    expect(tracing.exporting).toBe(false);
    expect(tracing.tracer).toBeInstanceOf(ContextOnlyTracer);
    const fields = tracing.tracer.startActiveSpan('request', (span) => ({
      logged: correlationFields(),
      ids: span.spanContext(),
    }));
    expect(fields.logged).toMatchObject({
      trace_id: fields.ids.traceId,
      span_id: fields.ids.spanId,
    });
  });
});
