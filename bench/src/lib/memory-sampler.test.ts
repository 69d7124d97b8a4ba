import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startMemorySampler } from './memory-sampler.js';

describe('startMemorySampler', () => {
  it('samples at start, on each tick and at stop, and reports the peaks', async () => {
    const readings = [
      { rss: 100, heapUsed: 10 },
      { rss: 300, heapUsed: 5 },
      { rss: 200, heapUsed: 30 },
    ];
    let call = 0;
    const sampler = startMemorySampler(10, () => readings[Math.min(call++, readings.length - 1)]!);
    await sleep(15);
    const report = sampler.stop();
    expect(report.samples.length).toBeGreaterThanOrEqual(3);
    expect(report.samples[0]).toMatchObject({ rssBytes: 100, heapUsedBytes: 10 });
    expect(report.peakRssBytes).toBe(300);
    expect(report.peakHeapUsedBytes).toBe(30);
    const times = report.samples.map((s) => s.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads the real process memory by default', () => {
    const report = startMemorySampler().stop();
    expect(report.peakRssBytes).toBeGreaterThan(report.peakHeapUsedBytes);
    expect(report.peakHeapUsedBytes).toBeGreaterThan(0);
  });
});
