import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { keyPartitioner } from './key-partitioner.js';

describe('the key partitioner', () => {
  it("gives a key the partition kafkajs' default partitioner gives its message", () => {
    const partitionOf = keyPartitioner(6);
    const kafkajs = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 1,
      replicas: [1],
      isr: [1],
    }));
    const keys = Array.from({ length: 200 }, (_, at) => `Person:p${at}`);
    for (const key of keys) {
      expect(partitionOf(key)).toBe(
        kafkajs({ topic: 'memgate.graph-ops', partitionMetadata, message: { key, value: 'x' } }),
      );
    }
    // And the keys spread over every partition.
    expect(new Set(keys.map(partitionOf)).size).toBe(6);
  });
});
