import { Partitioners, type PartitionMetadata } from 'kafkajs';

/**
 * The partition kafkajs' default partitioner gives a message key among
 * `count` partitions (murmur2, as the Java client does). The producers that
 * frame records per partition (graph operations, ADR 0012; change events,
 * ADR 0013) group them by it, so one entity's records land where they did
 * one per message, in order.
 */
export function keyPartitioner(count: number): (key: string) => number {
  const partition = Partitioners.DefaultPartitioner();
  // A keyed message's partition depends only on how many there are.
  const partitionMetadata: PartitionMetadata[] = Array.from(
    { length: count },
    (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }),
  );
  return (key) => partition({ topic: '', partitionMetadata, message: { key, value: null } });
}

/**
 * `items` grouped by the partition of their key, each group in the order
 * given: what one frame may hold, so per-key order survives framing.
 */
export function groupByPartition<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  partitionOf: (key: string) => number,
): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const partition = partitionOf(keyOf(item));
    let group = groups.get(partition);
    if (!group) groups.set(partition, (group = []));
    group.push(item);
  }
  return [...groups.values()];
}
