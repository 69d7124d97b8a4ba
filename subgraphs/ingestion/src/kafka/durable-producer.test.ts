import { createServiceMetrics, parseExposition, sampleValue } from '@memgate/platform/metrics';
import { createTracing, InMemorySpanExporter, renderTraceTree } from '@memgate/platform/tracing';
import { SpanKind } from '@opentelemetry/api';
import type { Kafka, Message, ProducerRecord } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { DurableProducer } from './durable-producer.js';

const exporter = new InMemorySpanExporter();
const tracing = createTracing({
  service: 'ingestion',
  spanExporter: exporter,
  registerGlobal: false,
});

afterAll(() => tracing.shutdown());

/** A kafkajs client whose producer records what it is asked to send, and fails on demand. */
function fakeKafka(failures: { connect?: Error; send?: Error } = {}) {
  const sent: ProducerRecord[] = [];
  const kafka = {
    producer: () => ({
      connect: () => (failures.connect ? Promise.reject(failures.connect) : Promise.resolve()),
      send: (record: ProducerRecord) => {
        if (failures.send) return Promise.reject(failures.send);
        sent.push(record);
        return Promise.resolve([]);
      },
      disconnect: () => Promise.resolve(),
    }),
  } as unknown as Kafka;
  return { kafka, sent };
}

function kafkaJsError(name: string): Error {
  const error = new Error('Connection error: connect ECONNREFUSED');
  error.name = name;
  return error;
}

async function produced(metrics: ReturnType<typeof createServiceMetrics>) {
  const samples = parseExposition(await metrics.registry.metrics());
  return (topic: string, outcome: string) =>
    sampleValue(samples, 'memgate_kafka_messages_produced_total', { topic, outcome }) ?? 0;
}

const messages = (count: number): Message[] =>
  Array.from({ length: count }, (_, index) => ({
    key: `k${index}`,
    value: 'x'.repeat(300),
    headers: { source: 'test' },
  }));

describe('DurableProducer', () => {
  it('sends in a producer span whose context every message carries, and counts what was acknowledged', async () => {
    exporter.reset();
    const { kafka, sent } = fakeKafka();
    const metrics = createServiceMetrics({ service: 'ingestion', defaultMetrics: false });
    const producer = new DurableProducer(kafka, silentLogger(), {
      metrics: metrics.kafka,
      tracer: tracing.tracer,
    });
    await tracing.tracer.startActiveSpan(
      'POST /graphql',
      { kind: SpanKind.SERVER },
      async (request) => {
        // 2,500 messages: three requests of at most 1,000.
        await producer.send('memgate.graph-ops', messages(2500));
        request.end();
      },
    );

    expect(sent.map((request) => request.messages.length)).toEqual([1000, 1000, 500]);
    const send = exporter.getFinishedSpans().find((span) => span.name === 'send memgate.graph-ops');
    expect(renderTraceTree(exporter.getFinishedSpans())).toBe(
      'ingestion: POST /graphql\n  ingestion: send memgate.graph-ops',
    );
    expect(send?.kind).toBe(SpanKind.PRODUCER);
    expect(send?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'memgate.graph-ops',
      'messaging.batch.message_count': 2500,
    });
    const { traceId, spanId } = send?.spanContext() ?? { traceId: '', spanId: '' };
    for (const message of sent.flatMap((request) => request.messages)) {
      expect(message.headers).toEqual({
        source: 'test',
        traceparent: `00-${traceId}-${spanId}-01`,
      });
    }
    expect((await produced(metrics))('memgate.graph-ops', 'success')).toBe(2500);
  });

  it('counts what the broker refused as errors and answers BROKER_UNAVAILABLE', async () => {
    exporter.reset();
    const { kafka } = fakeKafka({ send: kafkaJsError('KafkaJSNumberOfRetriesExceeded') });
    const metrics = createServiceMetrics({ service: 'ingestion', defaultMetrics: false });
    const producer = new DurableProducer(kafka, silentLogger(), {
      metrics: metrics.kafka,
      tracer: tracing.tracer,
    });
    await expect(producer.send('memgate.changes', messages(3))).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
    });
    expect((await produced(metrics))('memgate.changes', 'error')).toBe(3);
    expect((await produced(metrics))('memgate.changes', 'success')).toBe(0);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(2);
  });

  it('counts every message as an error when the producer cannot connect', async () => {
    const { kafka, sent } = fakeKafka({ connect: kafkaJsError('KafkaJSConnectionError') });
    const metrics = createServiceMetrics({ service: 'ingestion', defaultMetrics: false });
    const producer = new DurableProducer(kafka, silentLogger(), { metrics: metrics.kafka });
    await expect(producer.send('memgate.dead-letters', messages(4))).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
    });
    expect(sent).toEqual([]);
    expect((await produced(metrics))('memgate.dead-letters', 'error')).toBe(4);
  });

  it('without a tracer of its own, still hands on the trace of the request it runs in', async () => {
    const { kafka, sent } = fakeKafka();
    const producer = new DurableProducer(kafka, silentLogger());
    const traceId = await tracing.tracer.startActiveSpan('POST /ingest/crm', async (request) => {
      await producer.send('memgate.raw.crm', messages(1));
      request.end();
      return request.spanContext().traceId;
    });
    expect(String(sent[0]?.messages[0]?.headers?.['traceparent'])).toContain(traceId);
    await producer.send('memgate.raw.crm', [{ key: 'k', value: 'v' }]);
    // Outside any span there is no context to hand on, and no header.
    expect(sent[1]?.messages[0]?.headers).toEqual({});
  });
});
