import {
  context,
  isSpanContextValid,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';

/**
 * The tracer of a service that exports no spans. Its spans carry trace
 * context only — a trace id (the caller's, or a new one), a span id of
 * their own and the caller's sampling flag — so trace ids still reach log
 * lines and outgoing headers, but nothing is recorded: a recording span
 * with nowhere to go costs attributes, clocks and objects on every request
 * and every Cypher statement for nothing.
 */
export class ContextOnlyTracer implements Tracer {
  private readonly ids = new RandomIdGenerator();

  startSpan(_name: string, options?: SpanOptions, parentContext = context.active()): Span {
    const parent = options?.root ? undefined : trace.getSpanContext(parentContext);
    if (parent && isSpanContextValid(parent)) {
      return trace.wrapSpanContext({
        ...parent,
        spanId: this.ids.generateSpanId(),
        isRemote: false,
      });
    }
    return trace.wrapSpanContext({
      traceId: this.ids.generateTraceId(),
      spanId: this.ids.generateSpanId(),
      // What the SDK's default sampler decides for a new trace.
      traceFlags: TraceFlags.SAMPLED,
    });
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    parentContext: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : undefined;
    const parentContext = rest.length > 2 ? (rest[1] as Context) : context.active();
    const span = this.startSpan(name, options, parentContext);
    const run = fn as (span: Span) => ReturnType<F>;
    return context.with(trace.setSpan(parentContext, span), run, undefined, span);
  }
}
