import { createHash } from 'node:crypto';
import type { ReceiptRef } from '../transform/graph-operation.js';
import type { DurableProducer } from './durable-producer.js';
import { encodeRawRecord } from './raw-record-codec.js';
import type { IngestionTopics } from './topics.js';

export interface IndexedRecord {
  readonly record: unknown;
  /** Position of the record in its request. */
  readonly index: number;
}

/**
 * Queues raw records on their source's topic. With an idempotency key every
 * record of the request shares it as the message key, so the request stays
 * in order on one partition; without one each record is keyed by a hash of
 * its content, which spreads a large request over every partition.
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

  /** Records with their position in the request: an upload sends its body a chunk at a time. */
  async sendIndexed(
    source: string,
    receipt: ReceiptRef,
    records: readonly IndexedRecord[],
    idempotencyKey: string | undefined,
  ): Promise<void> {
    await this.producer.send(
      this.topics.raw(source),
      records.map(({ record, index }) => {
        const value = encodeRawRecord({ receipt, index, record });
        return { key: idempotencyKey ?? contentKey(record), value };
      }),
    );
  }
}

function contentKey(record: unknown): string {
  return createHash('sha1').update(JSON.stringify(record)).digest('base64url');
}
