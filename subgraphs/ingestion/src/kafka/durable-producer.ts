import type { Logger } from '@memgate/platform/logging';
import type { KafkaMetrics } from '@memgate/platform/metrics';
import { injectKafkaHeaders, runInSpan, type Tracer } from '@memgate/platform/tracing';
import { SpanKind } from '@opentelemetry/api';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { toBrokerError } from './broker-errors.js';

/** What a producer reports; both optional (tests of other parts leave them out). */
export interface ProducerObservability {
  /** `memgate_kafka_messages_produced_total` by topic and outcome. */
  readonly metrics?: Pick<KafkaMetrics, 'recordProduced'>;
  /** A producer span per `send`, whose context every message carries in its headers. */
  readonly tracer?: Tracer;
}

/** All in-sync replicas must have a record before the broker acknowledges it. */
const ALL_IN_SYNC_REPLICAS = -1;
/**
 * One produce request stays well under the broker's default 1 MB record
 * batch limit; a 10,000-record mutation becomes several requests.
 */
const MAX_REQUEST_BYTES = 512 * 1024;
const MAX_REQUEST_MESSAGES = 1000;

/**
 * The one Kafka producer of a process. `send` resolves only when every
 * record is acknowledged by all in-sync replicas; the idempotent producer
 * keeps a retried request from writing a record twice, and one request in
 * flight keeps the records of one key in order.
 *
 * Every message leaves with the trace context of its `send` in its headers
 * (W3C `traceparent`), so whoever consumes it continues the trace: graph
 * operations, raw records, uploads, change events and dead letters alike.
 */
export class DurableProducer {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly logger: Logger,
    private readonly observability: ProducerObservability = {},
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      // Idempotence keeps order only with one request in flight per broker.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Connects now rather than on the first send; a failed attempt is retried by the next call. */
  async connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw toBrokerError(error, 'connect the producer');
    });
    await this.connecting;
  }

  async send(topic: string, messages: readonly Message[]): Promise<void> {
    const { tracer } = this.observability;
    if (!tracer) return this.sendAll(topic, messages);
    // OpenTelemetry messaging conventions: one producer span for the batch.
    const span = tracer.startSpan(`send ${topic}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.batch.message_count': messages.length,
      },
    });
    await runInSpan(span, () => this.sendAll(topic, messages));
  }

  private async sendAll(topic: string, messages: readonly Message[]): Promise<void> {
    const { metrics } = this.observability;
    try {
      await this.connect();
    } catch (error) {
      metrics?.recordProduced(topic, messages.length, 'error');
      throw error;
    }
    // The same context for every message of this send: computed once.
    const traceHeaders = injectKafkaHeaders();
    const traced = messages.map((message) => ({
      ...message,
      headers: { ...message.headers, ...traceHeaders },
    }));
    for (const request of requests(traced)) {
      try {
        await this.producer.send({ topic, acks: ALL_IN_SYNC_REPLICAS, messages: request });
        metrics?.recordProduced(topic, request.length);
      } catch (error) {
        metrics?.recordProduced(topic, request.length, 'error');
        this.logger.warn({ err: error, topic }, 'could not queue records');
        throw toBrokerError(error, 'queue the records');
      }
    }
  }

  async disconnect(): Promise<void> {
    this.connecting = undefined;
    await this.producer.disconnect();
  }
}

function* requests(messages: readonly Message[]): Generator<Message[]> {
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(String(message.value)) + Buffer.byteLength(String(message.key));
    if (
      current.length > 0 &&
      (bytes + size > MAX_REQUEST_BYTES || current.length >= MAX_REQUEST_MESSAGES)
    ) {
      yield current;
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) yield current;
}
