import { extractKafkaContext, runInSpan, type Tracer } from '@memgate/platform/tracing';
import { ROOT_CONTEXT, SpanKind, trace, type Context, type Link } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';

/** Links kept per span: a batch of thousands of messages must not make a huge span. */
export const MAX_LINKS = 32;

export interface ConsumedMessages {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** The messages one transaction applies, with the headers their producer sent. */
  readonly messages: readonly { readonly headers?: IHeaders | undefined }[];
}

/**
 * Runs `work` (one write transaction and what follows it) in a consumer
 * span that continues the trace of the first message carrying one: the
 * producer's `send` span becomes its parent, so a trace goes on from the
 * request that queued the records into the worker's Cypher writes. Messages
 * of other traces in the same batch are linked, as OpenTelemetry's
 * messaging conventions do for batches. Without a tracer, `work` just runs.
 */
export async function withConsumeSpan<T>(
  tracer: Tracer | undefined,
  consumed: ConsumedMessages,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracer) return work();
  const { parent, links } = parentAndLinks(consumed.messages);
  const span = tracer.startSpan(
    `process ${consumed.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': consumed.topic,
        'messaging.destination.partition.id': String(consumed.partition),
        'messaging.consumer.group.name': consumed.group,
        'messaging.batch.message_count': consumed.messages.length,
      },
      links,
    },
    parent,
  );
  return runInSpan(span, work, parent);
}

/** The first traced message's context as the parent, the other distinct producers' spans as links. */
export function parentAndLinks(messages: ConsumedMessages['messages']): {
  parent: Context;
  links: Link[];
} {
  let parent: Context | undefined;
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const message of messages) {
    if (message.headers === undefined) continue;
    const extracted = extractKafkaContext(message.headers, ROOT_CONTEXT);
    const spanContext = trace.getSpanContext(extracted);
    if (!spanContext || !trace.isSpanContextValid(spanContext)) continue;
    const id = `${spanContext.traceId}/${spanContext.spanId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (parent === undefined) parent = extracted;
    else if (links.length < MAX_LINKS) links.push({ context: spanContext });
    else break;
  }
  return { parent: parent ?? ROOT_CONTEXT, links };
}
