import type { Message } from 'kafkajs';
import type { ReceiptRef } from '../transform/graph-operation.js';
import type { DurableProducer } from './durable-producer.js';
import { frameRuns, runsWhere } from './frames.js';
import { encodeRawFrame, serializeRawRecord } from './raw-record-codec.js';
import type { IngestionTopics } from './topics.js';

export interface IndexedRecord {
  readonly record: unknown;
  /** Position of the record in its request. */
  readonly index: number;
}

/**
 * Queues raw records on their source's topic, in frames of consecutive
 * records (ADR 0012). With an idempotency key every frame of the request
 * has it as the message key, so the request stays in order on one
 * partition; without one a frame is keyed by its receipt and first place,
 * which spreads a large request over every partition.
 */
export class RawRecordProducer {
  constructor(
    private readonly producer: Pick<DurableProducer, 'send'>,
    private readonly topics: Pick<IngestionTopics, 'raw'>,
  ) {}

  async send(
    source: string,
    receipt: ReceiptRef,
    records: readonly unknown[],
    idempotencyKey: string | undefined,
  ): Promise<void> {
    await this.sendIndexed(
      source,
      receipt,
      records.map((record, index) => ({ record, index })),
      idempotencyKey,
    );
  }

  /**
   * Records with their position in the request: an upload sends its body a
   * chunk at a time, without the lines it refused.
   */
  async sendIndexed(
    source: string,
    receipt: ReceiptRef,
    records: readonly IndexedRecord[],
    idempotencyKey: string | undefined,
  ): Promise<void> {
    const messages: Message[] = [];
    // A frame names only its first place: a gap (a refused upload line) starts a new one.
    for (const run of runsWhere(records, (previous, next) => next.index === previous.index + 1)) {
      const texts = run.map(({ record }) => serializeRawRecord(record));
      for (const [start, end] of frameRuns(texts)) {
        const first = (run[0]?.index ?? 0) + start;
        messages.push({
          key: idempotencyKey ?? `${receipt.id}/${first}`,
          value: encodeRawFrame(receipt, first, texts.slice(start, end)),
        });
      }
    }
    await this.producer.send(this.topics.raw(source), messages);
  }
}
