import type { Admin, Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { PartitionCounts } from './partition-counts.js';

function fakeKafka(partitionsOf: () => number | Error) {
  const asked: string[] = [];
  const kafka = {
    admin: () =>
      ({
        connect: () => Promise.resolve(),
        disconnect: () => Promise.resolve(),
        fetchTopicMetadata: ({ topics }: { topics: string[] }) => {
          asked.push(...topics);
          const count = partitionsOf();
          if (count instanceof Error) return Promise.reject(count);
          return Promise.resolve({
            topics: topics.map((name) => ({
              name,
              partitions: Array.from({ length: count }, (_, partitionId) => ({ partitionId })),
            })),
          });
        },
      }) as unknown as Admin,
  } satisfies Pick<Kafka, 'admin'>;
  return { kafka, asked };
}

describe('partition counts', () => {
  it('are read from the broker once, and again after five minutes', async () => {
    let count = 3;
    let now = 0;
    const { kafka, asked } = fakeKafka(() => count);
    const counts = new PartitionCounts(kafka, () => now);
    expect(await counts.of('t')).toBe(3);
    count = 6;
    now = 4 * 60 * 1000;
    expect(await counts.of('t')).toBe(3);
    now = 5 * 60 * 1000 + 1;
    expect(await counts.of('t')).toBe(6);
    expect(asked).toEqual(['t', 't']);
  });

  it('are asked once for sends that wait together, and kept when a refresh fails', async () => {
    let answer: number | Error = 4;
    let now = 0;
    const { kafka, asked } = fakeKafka(() => answer);
    const counts = new PartitionCounts(kafka, () => now);
    expect(await Promise.all([counts.of('t'), counts.of('t'), counts.of('t')])).toEqual([4, 4, 4]);
    expect(asked).toEqual(['t']);
    answer = new Error('broker down');
    now = 10 * 60 * 1000;
    expect(await counts.of('t')).toBe(4);
    // Not asked again for a while: sends do not each wait on the broker that failed.
    expect(await counts.of('t')).toBe(4);
    expect(asked).toEqual(['t', 't']);
    now += 31 * 1000;
    answer = 5;
    expect(await counts.of('t')).toBe(5);
  });

  it('fail as the broker being unavailable when kafkajs cannot read them', async () => {
    const failure = Object.assign(new Error('Connection error'), {
      name: 'KafkaJSConnectionError',
    });
    const { kafka } = fakeKafka(() => failure);
    await expect(new PartitionCounts(kafka).of('t')).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
    });
  });

  it('fail when the broker knows no partitions of the topic', async () => {
    const { kafka } = fakeKafka(() => 0);
    await expect(new PartitionCounts(kafka).of('t')).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'The message broker refused to read the partitions of t.',
    });
  });
});
