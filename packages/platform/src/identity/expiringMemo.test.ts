import { describe, expect, it } from 'vitest';
import { ExpiringMemo } from './expiringMemo.js';

describe('ExpiringMemo', () => {
  it('gives a value back until its time, and not from then on', () => {
    let now = 1_000;
    const memo = new ExpiringMemo<string>(10, () => now);
    memo.set('a', 'x', 2_000);
    expect(memo.get('a')).toBe('x');
    now = 1_999;
    expect(memo.get('a')).toBe('x');
    now = 2_000;
    expect(memo.get('a')).toBeUndefined();
  });

  it('forgets what it is told to, and starts over once full', () => {
    const memo = new ExpiringMemo<number>(2, () => 0);
    memo.set('a', 1, 10);
    memo.delete('a');
    expect(memo.get('a')).toBeUndefined();
    memo.set('b', 2, 10);
    memo.set('c', 3, 10);
    memo.set('d', 4, 10);
    expect([memo.get('b'), memo.get('c'), memo.get('d')]).toEqual([undefined, undefined, 4]);
  });
});
