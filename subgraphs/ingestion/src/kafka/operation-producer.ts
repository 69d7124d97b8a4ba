import { entityMessageKey } from '../model/entity-key.js';
import { orderingEntity, type GraphOperation } from '../transform/graph-operation.js';
import type { DurableProducer } from './durable-producer.js';
import { framedMessages, runsWhere } from './frames.js';
import { groupByPartition, keyPartitioner } from './key-partitioner.js';
import { encodeOperationFrame, serializeOperation } from './operation-codec.js';
import type { PartitionCounts } from './partition-counts.js';

/**
 * Queues graph operations on the graph-ops topic in frames (ADR 0012): the
 * operations bound for one partition, in order, a receipt's at a time. The
 * partition is the one of the entity an operation starts at (`Person:p1`),
 * and a frame is keyed by its first operation's entity, so kafkajs sends it
 * to that partition and every change of one node stays in order there.
 *
 * The partition is left to kafkajs rather than named: for a moment after
 * partitions are added, kafkajs' metadata may not know one our count does,
 * and kafkajs drops a message bound for a partition it does not know
 * without failing the send. Keyed, a frame always goes somewhere kafkajs
 * knows; while the two counts differ, one entity's operations may land on
 * two partitions, as with any keyed topic that gains partitions.
 */
export class OperationProducer {
  constructor(
    private readonly producer: Pick<DurableProducer, 'send'>,
    private readonly partitions: Pick<PartitionCounts, 'of'>,
    private readonly topic: string,
  ) {}

  /**
   * `operations` in the order of the request's records, one per record (a
   * typed mutation maps each input to one operation): each carries its
   * place, which receipts and dead letters name.
   */
  async send(operations: readonly GraphOperation[]): Promise<void> {
    const partitionOf = keyPartitioner(await this.partitions.of(this.topic));
    const queued = operations.map((operation, place) => {
      const entity = orderingEntity(operation);
      return { key: entityMessageKey(entity.type, entity.key), operation, place };
    });
    const messages = groupByPartition(queued, ({ key }) => key, partitionOf).flatMap((group) =>
      // A frame names its receipt once; cut where it changes, keeping the order.
      runsWhere(group, sameReceipt).flatMap((run) =>
        framedMessages(
          run,
          ({ operation, place }) => serializeOperation(operation, { at: place }),
          (first, texts) => ({
            key: first.key,
            value: encodeOperationFrame(first.operation.receipt, texts),
          }),
        ),
      ),
    );
    await this.producer.send(this.topic, messages);
  }
}

function sameReceipt(
  previous: { readonly operation: GraphOperation },
  next: { readonly operation: GraphOperation },
): boolean {
  return previous.operation.receipt.id === next.operation.receipt.id;
}
