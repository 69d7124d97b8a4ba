import { build, type Histogram } from 'hdr-histogram-js';

/** A latency distribution in milliseconds, as every scenario reports it. */
export interface LatencySummary {
  readonly count: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const NS_PER_MS = 1e6;

/**
 * Collects latencies in nanoseconds without keeping every sample.
 *
 * Percentiles come from an HDR histogram with 3 significant digits (0.1 %
 * resolution at every magnitude, constant memory however long the run). The
 * min, max and mean are tracked exactly beside it, since the histogram only
 * knows the bucket a value fell in.
 */
export class LatencyRecorder {
  private readonly histogram: Histogram = build({ numberOfSignificantValueDigits: 3 });
  private count = 0;
  private sumNs = 0;
  private minNs = Number.POSITIVE_INFINITY;
  private maxNs = 0;

  record(latencyNs: number): void {
    if (!Number.isFinite(latencyNs) || latencyNs < 0) {
      throw new RangeError(`latency must be a finite, non-negative number of ns, got ${latencyNs}`);
    }
    // The histogram counts integers; a 0 ns sample still counts, in the lowest bucket.
    this.histogram.recordValue(Math.max(1, Math.round(latencyNs)));
    this.count += 1;
    this.sumNs += latencyNs;
    this.minNs = Math.min(this.minNs, latencyNs);
    this.maxNs = Math.max(this.maxNs, latencyNs);
  }

  /** Adds every sample of `other`, e.g. to merge per-worker recorders. */
  merge(other: LatencyRecorder): void {
    this.histogram.add(other.histogram);
    this.count += other.count;
    this.sumNs += other.sumNs;
    this.minNs = Math.min(this.minNs, other.minNs);
    this.maxNs = Math.max(this.maxNs, other.maxNs);
  }

  summary(): LatencySummary {
    if (this.count === 0) {
      return { count: 0, minMs: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 };
    }
    // A bucket's representative value can overshoot the true max by < 0.1 %;
    // clamp so that p99 <= max always holds in the reports.
    const at = (percentile: number): number =>
      Math.min(this.histogram.getValueAtPercentile(percentile), this.maxNs) / NS_PER_MS;
    return {
      count: this.count,
      minMs: this.minNs / NS_PER_MS,
      meanMs: this.sumNs / this.count / NS_PER_MS,
      p50Ms: at(50),
      p90Ms: at(90),
      p99Ms: at(99),
      maxMs: this.maxNs / NS_PER_MS,
    };
  }
}

/** Summarises a list of latency samples given in milliseconds. */
export function summarizeMs(samplesMs: readonly number[]): LatencySummary {
  const recorder = new LatencyRecorder();
  for (const sample of samplesMs) recorder.record(sample * NS_PER_MS);
  return recorder.summary();
}
