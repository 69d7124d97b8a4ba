import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runLoad } from './load-driver.js';
import { ThroughputCounter } from './throughput-series.js';

describe('runLoad', () => {
  it('runs exactly the requested count, never more than `concurrency` at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const workersSeen = new Set<number>();
    const result = await runLoad(
      async (worker) => {
        workersSeen.add(worker);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(1);
        inFlight -= 1;
      },
      { concurrency: 4, requests: 40 },
    );
    expect(result.completed).toBe(40);
    expect(result.errors).toBe(0);
    expect(maxInFlight).toBe(4);
    expect([...workersSeen].sort()).toEqual([0, 1, 2, 3]);
    expect(result.latency.count).toBe(40);
    // Every request was timed (timers may fire a little early, so no lower bound).
    expect(result.latency.minMs).toBeGreaterThan(0);
  });

  it('stops starting requests when the duration is over', async () => {
    const result = await runLoad(() => sleep(5), { concurrency: 2, durationMs: 100 });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(100);
    // Generous: it must stop, not stop fast, on a loaded machine.
    expect(result.elapsedMs).toBeLessThan(10_000);
    expect(result.completed).toBeGreaterThanOrEqual(2);
    expect(result.throughputPerSecond).toBeCloseTo(result.completed / (result.elapsedMs / 1000), 6);
  });

  it('counts failures without timing them and keeps the first message', async () => {
    let n = 0;
    const result = await runLoad(
      async () => {
        n += 1;
        if (n % 2 === 0) throw new Error(`boom ${n}`);
      },
      { concurrency: 1, requests: 10 },
    );
    expect(result.completed).toBe(5);
    expect(result.errors).toBe(5);
    expect(result.firstError).toBe('Error: boom 2');
  });

  it('does not measure warm-up requests, and throws when one fails', async () => {
    let calls = 0;
    const result = await runLoad(
      async () => {
        calls += 1;
      },
      { concurrency: 2, requests: 10, warmup: { requests: 6 } },
    );
    expect(calls).toBe(16);
    expect(result.completed).toBe(10);
    await expect(
      runLoad(() => Promise.reject(new Error('down')), {
        concurrency: 1,
        requests: 1,
        warmup: { requests: 1 },
      }),
    ).rejects.toThrow('down');
  });

  it('warms up for a duration when given one', async () => {
    let calls = 0;
    const started = performance.now();
    const result = await runLoad(
      async () => {
        calls += 1;
        await sleep(1);
      },
      { concurrency: 1, requests: 3, warmup: { durationMs: 50 } },
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(calls).toBeGreaterThan(3);
    expect(result.completed).toBe(3);
  });

  it('stops early when its signal is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await runLoad(() => sleep(2), {
      concurrency: 2,
      durationMs: 10_000,
      signal: controller.signal,
    });
    expect(result.aborted).toBe(true);
    expect(result.elapsedMs).toBeLessThan(1_000);
  });

  it('rejects plans that cannot end or have no workers', async () => {
    const noop = (): Promise<void> => Promise.resolve();
    await expect(runLoad(noop, { concurrency: 1 })).rejects.toThrow('needs a duration');
    await expect(runLoad(noop, { concurrency: 0, requests: 1 })).rejects.toThrow('concurrency');
  });
});

describe('ThroughputCounter', () => {
  it('reports completions per whole second and scales a wide trailing bucket', () => {
    const counter = new ThroughputCounter();
    for (let i = 0; i < 100; i += 1) counter.add(0.5e9);
    for (let i = 0; i < 50; i += 1) counter.add(1.2e9);
    for (let i = 0; i < 30; i += 1) counter.add(2.1e9);
    expect(counter.series(2.5e9)).toEqual([
      { atS: 1, perSecond: 100 },
      { atS: 2, perSecond: 50 },
      { atS: 2.5, perSecond: 60 },
    ]);
  });

  it('drops a narrow trailing bucket unless it is the only one', () => {
    const counter = new ThroughputCounter();
    counter.add(0.1e9);
    counter.add(1.05e9);
    expect(counter.series(1.1e9)).toEqual([{ atS: 1, perSecond: 1 }]);
    const short = new ThroughputCounter();
    short.add(0.1e9);
    expect(short.series(0.2e9)).toEqual([{ atS: 0.2, perSecond: 5 }]);
  });
});
