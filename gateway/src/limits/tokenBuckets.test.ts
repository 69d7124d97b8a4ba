import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './tokenBuckets.js';

describe('TokenBuckets', () => {
  it('lets a client burst, then holds it to the sustained rate', () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => buckets.take('a').admitted)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    now = 500;
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('a').admitted).toBe(false);
  });

  it('keeps clients apart', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 1, now: () => 0 });
    expect(buckets.take('a').admitted).toBe(true);
    expect(buckets.take('b').admitted).toBe(true);
    expect(buckets.take('a').admitted).toBe(false);
  });

  it('charges a batch for each of its operations, and says how long to wait', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 10, now: () => 0 });
    expect(buckets.take('a', 8).admitted).toBe(true);
    expect(buckets.take('a', 5)).toEqual({ admitted: false, retryAfterSeconds: 3 });
  });

  it('forgets the least recently seen client first when full', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 1, burst: 1, maxClients: 2, now: () => 0 });
    buckets.take('a');
    buckets.take('b');
    buckets.take('a');
    buckets.take('c');
    // b was evicted and starts with a full bucket again; a, seen more recently, was not.
    expect(buckets.take('a').admitted).toBe(false);
    expect(buckets.take('b').admitted).toBe(true);
  });
});
