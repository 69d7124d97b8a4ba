import { describe, expect, it } from 'vitest';
import { LatencyRecorder, summarizeMs } from './latency-recorder.js';

describe('LatencyRecorder', () => {
  it('reports the percentiles of 1..1000 ms within the histogram resolution', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => i + 1);
    const summary = summarizeMs(samples);
    expect(summary.count).toBe(1000);
    expect(summary.minMs).toBe(1);
    expect(summary.maxMs).toBe(1000);
    expect(summary.meanMs).toBeCloseTo(500.5, 9);
    // 3 significant digits: every percentile lies within 0.1 % of the exact one.
    expect(summary.p50Ms).toBeGreaterThanOrEqual(500);
    expect(summary.p50Ms).toBeLessThanOrEqual(500 * 1.001);
    expect(summary.p90Ms).toBeGreaterThanOrEqual(900);
    expect(summary.p90Ms).toBeLessThanOrEqual(900 * 1.001);
    expect(summary.p99Ms).toBeGreaterThanOrEqual(990);
    expect(summary.p99Ms).toBeLessThanOrEqual(990 * 1.001);
  });

  it('keeps sub-millisecond latencies distinct', () => {
    const summary = summarizeMs([0.05, 0.1, 0.2]);
    expect(summary.minMs).toBeCloseTo(0.05, 12);
    expect(summary.p50Ms).toBeCloseTo(0.1, 3);
    expect(summary.maxMs).toBeCloseTo(0.2, 12);
  });

  it('never reports a percentile above the max', () => {
    const summary = summarizeMs([123.456789]);
    expect(summary.p99Ms).toBe(summary.maxMs);
    expect(summary.p50Ms).toBe(summary.maxMs);
  });

  it('reports zeros, not NaN or Infinity, when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toEqual({
      count: 0,
      minMs: 0,
      meanMs: 0,
      p50Ms: 0,
      p90Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });

  it('merges per-worker recorders into one distribution', () => {
    const fast = new LatencyRecorder();
    const slow = new LatencyRecorder();
    for (let i = 0; i < 90; i += 1) fast.record(1e6);
    for (let i = 0; i < 10; i += 1) slow.record(100e6);
    fast.merge(slow);
    const summary = fast.summary();
    expect(summary.count).toBe(100);
    expect(summary.p50Ms).toBeCloseTo(1, 2);
    expect(summary.p99Ms).toBeCloseTo(100, 0);
    expect(summary.meanMs).toBeCloseTo(10.9, 9);
  });

  it('rejects negative and non-finite samples', () => {
    const recorder = new LatencyRecorder();
    expect(() => recorder.record(-1)).toThrow(RangeError);
    expect(() => recorder.record(Number.NaN)).toThrow(RangeError);
  });
});
