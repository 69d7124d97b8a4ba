import type { DeadLetter, DeadLetterSink } from '../model/dead-letter.js';
import { encodeDeadLetter } from './dead-letter-codec.js';
import type { DurableProducer } from './durable-producer.js';

/**
 * Publishes dead letters, keyed by receipt so that the letters of one
 * request stay together and in order (or by source/topic/partition for a
 * message that named no receipt).
 */
export class DeadLetterProducer implements DeadLetterSink {
  constructor(
    private readonly producer: Pick<DurableProducer, 'send'>,
    private readonly topic: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(letters: readonly DeadLetter[]): Promise<void> {
    const failedAt = this.now();
    await this.producer.send(
      this.topic,
      letters.map((letter) => ({
        key: letter.receiptId ?? `${letter.topic}/${letter.partition}`,
        value: encodeDeadLetter(letter, failedAt),
      })),
    );
  }
}
