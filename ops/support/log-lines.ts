import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { MemgateError } from '@memgate/platform/errors';
import { createLogger, runWithRequestId } from '@memgate/platform/logging';
import { createTracing, InMemorySpanExporter } from '@memgate/platform/tracing';

export const SERVICES = ['gateway', 'query', 'ingestion', 'worker'] as const;

export interface ServiceLogLines {
  readonly lines: string[];
  readonly traceId: string;
  readonly requestId: string;
}

/**
 * Real log lines of every service: each one's own `createLogger`, output
 * captured as the container runtime would collect it (one JSON line per
 * event), written while a request and a span are active, with an error and
 * a secret the logger must redact.
 */
export function produceLogLines(): ServiceLogLines {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const tracing = createTracing({
    service: 'gateway',
    spanExporter: new InMemorySpanExporter(),
    registerGlobal: false,
  });
  const requestId = 'req-7f3a9c';
  const span = tracing.tracer.startSpan('POST /graphql');
  runWithRequestId(requestId, () =>
    context.with(trace.setSpan(context.active(), span), () => {
      for (const service of SERVICES) {
        const logger = createLogger({ service, level: 'info', destination });
        logger.info({ operation: 'People', path: '/graphql' }, `${service} handled the request`);
      }
      createLogger({ service: 'worker', level: 'info', destination }).error(
        {
          err: new MemgateError('DATABASE_UNAVAILABLE', 'The graph database is unavailable.'),
          engine: { password: 'hunter2' },
        },
        'batch failed',
      );
    }),
  );
  span.end();
  return { lines, traceId: span.spanContext().traceId, requestId };
}
