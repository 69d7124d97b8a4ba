import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { keyPartitioner } from './key-partitioner.js';

describe('the key partitioner', () => {
  const kafkajs = Partitioners.DefaultPartitioner();
  const kafkajsPartition = (key: string, count: number): number =>
    kafkajs({
      topic: 'memgate.graph-ops',
      partitionMetadata: Array.from({ length: count }, (_, partitionId) => ({
        partitionErrorCode: 0,
        partitionId,
        leader: 1,
        replicas: [1],
        isr: [1],
      })),
      message: { key, value: 'x' },
    });

  it("gives a key the partition kafkajs' default partitioner gives its message", () => {
    const partitionOf = keyPartitioner(6);
    const keys = Array.from({ length: 200 }, (_, at) => `Person:p${at}`);
    for (const key of keys) expect(partitionOf(key)).toBe(kafkajsPartition(key, 6));
    // And the keys spread over every partition.
    expect(new Set(keys.map(partitionOf)).size).toBe(6);
  });

  it('agrees with kafkajs on keys of every length, in any script, for any partition count', () => {
    // Every length from 0 to 40 bytes and beyond exercises each tail of
    // murmur2 (0–3 bytes); the keys are hashed as UTF-8, so multi-byte
    // characters (and a surrogate pair) must give what kafkajs gives.
    const pieces = ['a', 'Z9', 'é', 'Ж', '名', '😀', ':', ' ', 'Person:'];
    const keys = Array.from({ length: 400 }, (_, at) => {
      let key = '';
      for (let i = 0; i < at % 41; i += 1) key += pieces[(at * 7 + i * 13) % pieces.length] ?? '';
      return key;
    });
    for (const count of [1, 2, 3, 6, 7, 12, 64]) {
      const partitionOf = keyPartitioner(count);
      for (const key of keys)
        expect(partitionOf(key), `${key} of ${count}`).toBe(kafkajsPartition(key, count));
    }
  });
});
