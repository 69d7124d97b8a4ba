import { describe, expect, it } from 'vitest';
import { settledMemory, type CollectedMemory } from './settled-memory.js';

const MB = 1024 * 1024;

function readings(rssMb: readonly number[]): {
  collect: () => Promise<CollectedMemory>;
  taken: () => number;
} {
  let index = 0;
  return {
    collect: () => {
      const rss = rssMb[Math.min(index, rssMb.length - 1)] ?? 0;
      index += 1;
      return Promise.resolve({ rss: rss * MB });
    },
    taken: () => index,
  };
}

describe('settledMemory', () => {
  it('keeps collecting past one collection that frees nothing, until two in a row do not', async () => {
    const { collect, taken } = readings([301, 288, 288, 288, 100]);
    const settled = await settledMemory({ rss: 301 * MB }, collect);
    expect(settled.sample.rss).toBe(288 * MB);
    expect(settled.collections).toBe(5);
    expect(taken()).toBe(4);
  });

  it('counts a fall under 1 % as no fall', async () => {
    const { collect } = readings([299, 298]);
    const settled = await settledMemory({ rss: 300 * MB }, collect);
    expect(settled).toEqual({ sample: { rss: 298 * MB }, collections: 3 });
  });

  it('stops after 8 collections in all when memory keeps falling', async () => {
    const { collect, taken } = readings([290, 280, 270, 260, 250, 240, 230, 220, 210]);
    const settled = await settledMemory({ rss: 300 * MB }, collect);
    expect(settled.collections).toBe(8);
    expect(taken()).toBe(7);
    expect(settled.sample.rss).toBe(230 * MB);
  });
});
