import { randomUUID } from 'node:crypto';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { extractKafkaContext, injectKafkaHeaders } from './kafka-context.js';
import { createTracing } from './setup-tracing.js';
import { InMemorySpanExporter, renderTraceTree } from './testing.js';

const exporter = new InMemorySpanExporter();
const producerSide = createTracing({
  service: 'ingestion',
  spanExporter: exporter,
  registerGlobal: false,
});
const consumerSide = createTracing({
  service: 'worker',
  spanExporter: exporter,
  registerGlobal: false,
});

afterAll(async () => {
  await Promise.all([producerSide.shutdown(), consumerSide.shutdown()]);
});

describe('trace context through the real broker', () => {
  it('continues the producer’s trace in the consumer from the message headers', async () => {
    const kafka = new Kafka({ brokers: inject('kafkaBrokers'), logLevel: logLevel.NOTHING });
    const topic = `trace-${randomUUID()}`;
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
      await producer.connect();
      const send = producerSide.tracer.startSpan('send', { kind: SpanKind.PRODUCER });
      await context.with(trace.setSpan(context.active(), send), () =>
        producer.send({
          topic,
          messages: [{ value: 'op', headers: injectKafkaHeaders({ source: 'test' }) }],
        }),
      );
      send.end();

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const headers = await new Promise<IHeaders>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.headers ?? {}) });
      });
      const parent = extractKafkaContext(headers);
      consumerSide.tracer.startSpan('process', { kind: SpanKind.CONSUMER }, parent).end();

      expect(headers['traceparent']).toBeInstanceOf(Buffer);
      expect(renderTraceTree(exporter.getFinishedSpans())).toBe(
        'ingestion: send\n  worker: process',
      );
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
