import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { runInSpan } from './run-in-span.js';
import { createTracing } from './setup-tracing.js';
import { InMemorySpanExporter } from './testing.js';

const exporter = new InMemorySpanExporter();
const { tracer } = createTracing({
  service: 'test',
  spanExporter: exporter,
  registerGlobal: false,
});

describe('runInSpan', () => {
  it('makes the span current for the work and ends it with the work’s result', async () => {
    exporter.reset();
    const span = tracer.startSpan('ok');
    const seen = await runInSpan(span, () =>
      Promise.resolve(trace.getSpan(context.active())?.spanContext().spanId),
    );
    expect(seen).toBe(span.spanContext().spanId);
    expect(exporter.getFinishedSpans().map((finished) => finished.status.code)).toEqual([0]);
  });

  it('marks the span failed with the error, ends it and rethrows', async () => {
    exporter.reset();
    const failing = runInSpan(tracer.startSpan('broken'), () => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    const [finished] = exporter.getFinishedSpans();
    expect(finished?.status).toEqual({ code: 2, message: 'boom' });
    expect(finished?.events.map((event) => event.name)).toEqual(['exception']);
  });
});
