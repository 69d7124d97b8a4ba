import { describe, expect, it } from 'vitest';
import { backoffDelay, wait } from './backoff.js';

const policy = { initialMs: 100, maxMs: 1000 };

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the ceiling, capped', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('spreads retries of workers that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3, policy)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(400);
  });
});

describe('wait', () => {
  it('sleeps, or returns false at once when aborted', async () => {
    expect(await wait(1)).toBe(true);
    const controller = new AbortController();
    const started = Date.now();
    const waiting = wait(10_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
