import { describe, expect, it } from 'vitest';
import { SharedLoaders } from './sharedLoaders.js';

describe('SharedLoaders', () => {
  it('gathers the loads of one burst, from every lease of a group, into one batch', async () => {
    const batches: string[][] = [];
    const loaders = new SharedLoaders(10);
    const batch = (keys: readonly string[]) => {
      batches.push([...keys]);
      return Promise.resolve(keys.map((key) => key.toUpperCase()));
    };
    const first = loaders.lease('group', batch);
    const second = loaders.lease('group', batch);
    const values = await Promise.all([first.load('a'), second.load('b'), first.load('c')]);
    expect(values).toEqual(['A', 'B', 'C']);
    expect(batches).toEqual([['a', 'b', 'c']]);
    await first.load('d');
    expect(batches).toHaveLength(2);
  });

  it('keeps groups apart, and drops a group with its last lease', () => {
    const loaders = new SharedLoaders(10);
    const batch = (keys: readonly string[]) => Promise.resolve([...keys]);
    const a = loaders.lease('a', batch);
    const b = loaders.lease('b', batch);
    expect(loaders.size).toBe(2);
    a.release();
    a.release();
    expect(loaders.size).toBe(1);
    b.release();
    expect(loaders.size).toBe(0);
  });
});
