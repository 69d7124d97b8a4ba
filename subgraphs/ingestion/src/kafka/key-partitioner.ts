import murmurhash from 'murmurhash';

/** The seed of the Java client's murmur2, which kafkajs' default partitioner follows. */
const KAFKA_MURMUR2_SEED = 0x9747b28c;

/**
 * The partition kafkajs' default partitioner gives a message key among
 * `count` partitions: murmur2 of the key's UTF-8 bytes with the Java
 * client's seed, made positive, modulo the count. The producers that frame
 * records per partition (graph operations, ADR 0012; change events, ADR
 * 0013) group them by it, so one entity's records land where they did one
 * per message, in order. Computed here rather than by calling kafkajs'
 * partitioner: its murmur2 works on 64-bit `Long` objects and cost the
 * worker a second of CPU per million change events, six times this one
 * (the unit test holds the two equal).
 */
export function keyPartitioner(count: number): (key: string) => number {
  return (key) => (murmurhash.v2(Buffer.from(key), KAFKA_MURMUR2_SEED) & 0x7fffffff) % count;
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
