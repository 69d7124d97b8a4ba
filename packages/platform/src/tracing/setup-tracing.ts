import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ConfigOf } from '../config/index.js';
import { ContextOnlyTracer } from './context-only-tracer.js';
import type { tracingConfig } from './tracing-config.js';

export type TracingConfig = ConfigOf<typeof tracingConfig>;

export interface TracingOptions {
  /** `service.name` of every span: gateway, query, ingestion, worker. */
  readonly service: string;
  readonly config?: Partial<TracingConfig>;
  /** Tests: finished spans go here at once (e.g. an InMemorySpanExporter). */
  readonly spanExporter?: SpanExporter;
  /**
   * Make this the process-wide provider (what `trace.getTracer` and
   * instrumented libraries use). Tests that act as several services in
   * one process keep one provider per service instead.
   */
  readonly registerGlobal?: boolean;
  /**
   * Whether the active span and the request id follow every await
   * implicitly (AsyncLocalStorage): `always` (the default), or only
   * `when-exporting` spans. On Node 20 that async context costs every
   * promise of the process, from the first request on: a hook call at its
   * creation and three more properties. A service that carries its trace
   * context explicitly (the gateway: per operation, per subgraph fetch)
   * needs it only for spans of its own to nest.
   */
  readonly asyncContext?: 'always' | 'when-exporting';
}

export interface Tracing {
  readonly tracer: Tracer;
  readonly provider: BasicTracerProvider;
  /** Whether finished spans leave the process. */
  readonly exporting: boolean;
  /** Whether the active span and request id follow awaits (see TracingOptions.asyncContext). */
  readonly asyncContext: boolean;
  readonly cypherText: boolean;
  /** Sends what is buffered; call on shutdown after the server closed. */
  shutdown(): Promise<void>;
}

let propagatorsInstalled = false;
let contextManagerInstalled = false;

/**
 * The process-wide half of tracing: the W3C propagators (traceparent,
 * tracestate, baggage) and the context manager that carries the active
 * span across awaits (AsyncLocalStorage). Idempotent.
 */
export function installTracePropagation(): void {
  installPropagators();
  if (contextManagerInstalled) return;
  contextManagerInstalled = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

/** The W3C propagators alone, for a service that carries trace context explicitly. */
function installPropagators(): void {
  if (propagatorsInstalled) return;
  propagatorsInstalled = true;
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
}

/** Sets up tracing for one service; export follows configuration and is off by default. */
export function createTracing(options: TracingOptions): Tracing {
  const processors: SpanProcessor[] = [];
  if (options.spanExporter) processors.push(new SimpleSpanProcessor(options.spanExporter));
  const endpoint = options.config?.otlpEndpoint;
  const exporting = options.config?.exporter === 'otlp' || endpoint !== undefined;
  const spansLeave = exporting || options.spanExporter !== undefined;
  const asyncContext = options.asyncContext !== 'when-exporting' || spansLeave;
  if (asyncContext) installTracePropagation();
  else installPropagators();
  if (exporting) {
    const url = endpoint ? `${endpoint.replace(/\/$/, '')}/v1/traces` : undefined;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter(url ? { url } : {})));
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors: processors,
  });
  if (options.registerGlobal !== false) trace.setGlobalTracerProvider(provider);
  return {
    // Nothing to send spans to: carry trace context without recording spans.
    tracer:
      processors.length > 0 ? provider.getTracer('memgate', '0.1.0') : new ContextOnlyTracer(),
    provider,
    exporting: spansLeave,
    asyncContext,
    cypherText: options.config?.cypherText ?? false,
    shutdown: () => provider.shutdown(),
  };
}
