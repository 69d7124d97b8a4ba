import type { Logger } from '@memgate/platform/logging';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { entityMessageKey } from '../model/entity-key.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { toBrokerError } from './broker-errors.js';
import { encodeOperation } from './operation-codec.js';

/** All in-sync replicas must have a record before the broker acknowledges it. */
const ALL_IN_SYNC_REPLICAS = -1;
/**
 * One produce request stays well under the broker's default 1 MB record
 * batch limit; a 10,000-record mutation becomes several requests.
 */
const MAX_REQUEST_BYTES = 512 * 1024;
const MAX_REQUEST_MESSAGES = 1000;

/**
 * Queues graph operations on the graph-ops topic. `send` resolves only when
 * every record is acknowledged by all in-sync replicas; the idempotent
 * producer keeps a retried request from writing a record twice.
 */
export class OperationProducer {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly logger: Logger,
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

  async send(operations: readonly GraphOperation[]): Promise<void> {
    await this.connect();
    for (const messages of requests(operations.map(toMessage))) {
      try {
        await this.producer.send({ topic: this.topic, acks: ALL_IN_SYNC_REPLICAS, messages });
      } catch (error) {
        this.logger.warn({ err: error, topic: this.topic }, 'could not queue graph operations');
        throw toBrokerError(error, 'queue the records');
      }
    }
  }

  async disconnect(): Promise<void> {
    this.connecting = undefined;
    await this.producer.disconnect();
  }
}

function toMessage(operation: GraphOperation): Message {
  return {
    key: entityMessageKey(operation.type, operation.key),
    value: encodeOperation(operation),
  };
}

function* requests(messages: readonly Message[]): Generator<Message[]> {
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = String(message.value).length + String(message.key).length;
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
