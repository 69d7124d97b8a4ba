import { setImmediate } from 'node:timers/promises';
import type { Message } from 'kafkajs';
import type { ChangeMessage, ChangeSink } from '../changes/change-event.js';
import { encodeChangeFrame } from './change-codec.js';
import type { DurableProducer } from './durable-producer.js';
import { framedMessages } from './frames.js';
import { groupByPartition, keyPartitioner } from './key-partitioner.js';
import type { PartitionCounts } from './partition-counts.js';

/**
 * Publishes change events on the changes topic in frames (ADR 0013): the
 * events bound for one partition, in order, `{"v":2,"events":[…]}`. An
 * event's partition is the one its key (`Person:p1`, the start node of a
 * relationship, `IngestionReceipt:<id>`) maps to, and a frame is keyed by
 * its first event's key, so every change of one node lands on one
 * partition, in order, as it did one event per message. Like graph-ops
 * frames (ADR 0012), a frame never names its partition: kafkajs drops a
 * message for a partition its metadata does not know yet. So for a moment
 * after partitions are added, while our count and kafkajs' differ, a node
 * whose events fill several frames of one send may see them on two
 * partitions: briefly out of order, never lost.
 */
export class ChangeProducer implements ChangeSink {
  constructor(
    private readonly producer: Pick<DurableProducer, 'send'>,
    private readonly partitions: Pick<PartitionCounts, 'of'>,
    private readonly topic: string,
  ) {}

  /**
   * Sends start in the order `send` was called, whatever their sizes: the
   * events of one key (a receipt's counters above all, which batches of
   * every partition move) keep the order they happened in.
   */
  private started: Promise<unknown> = Promise.resolve();

  async send(messages: readonly ChangeMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const sending = this.started.then(async () => {
      const frames = await this.frames(messages);
      return { sent: this.producer.send(this.topic, frames) };
    });
    this.started = sending.catch(() => undefined);
    const { sent } = await sending;
    await sent;
  }

  /**
   * Called as a batch's write turn ends: the next batch's turn goes first,
   * then each partition's events are serialized in a turn of their own
   * (thousands of events take milliseconds; ADR 0015).
   */
  private async frames(messages: readonly ChangeMessage[]): Promise<Message[]> {
    const partitionOf = keyPartitioner(await this.partitions.of(this.topic));
    await setImmediate();
    const frames: Message[] = [];
    for (const group of groupByPartition(messages, ({ key }) => key, partitionOf)) {
      frames.push(
        ...framedMessages(
          group,
          ({ event }) => JSON.stringify(event),
          (first, texts) => ({ key: first.key, value: encodeChangeFrame(texts) }),
        ),
      );
      await setImmediate();
    }
    return frames;
  }
}
