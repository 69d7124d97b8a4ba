import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ReplicaPool } from './replica-pool.js';

const replica = (uri: string) => ({ uri, driver: {} as Driver });

describe('ReplicaPool', () => {
  it('takes replicas in turn', () => {
    const pool = new ReplicaPool([replica('a'), replica('b')]);
    expect([pool.pick(), pool.pick(), pool.pick()].map((r) => r?.uri)).toEqual(['a', 'b', 'a']);
  });

  it('skips a failed replica until its cool-down ends, then the main when none is left', () => {
    let now = 0;
    const pool = new ReplicaPool([replica('a'), replica('b')], 1_000, () => now);
    pool.markDown(replica('a'));
    expect([pool.pick(), pool.pick()].map((r) => r?.uri)).toEqual(['b', 'b']);
    pool.markDown(replica('b'));
    expect(pool.pick()).toBeUndefined();
    now = 1_000;
    expect(pool.pick()?.uri).toBeDefined();
  });

  it('has nothing to pick without replicas', () => {
    expect(new ReplicaPool([]).pick()).toBeUndefined();
  });
});
