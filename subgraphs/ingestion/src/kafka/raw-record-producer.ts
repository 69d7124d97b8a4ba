import type { ReceiptRef } from '../transform/graph-operation.js';
import type { DurableProducer } from './durable-producer.js';
import { framedMessages, runsWhere } from './frames.js';
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
    // A frame names only its first place: a gap (a refused upload line) starts a new one.
    const runs = runsWhere(records, (previous, next) => next.index === previous.index + 1);
    const messages = runs.flatMap((run) =>
      framedMessages(
        run,
        ({ record }) => serializeRawRecord(record),
        (first, texts) => ({
          key: idempotencyKey ?? `${receipt.id}/${first.index}`,
          value: encodeRawFrame(receipt, first.index, texts),
        }),
      ),
    );
    await this.producer.send(this.topics.raw(source), messages);
  }
}
