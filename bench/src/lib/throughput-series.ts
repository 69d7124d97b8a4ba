/** Completions per second over one second of a run; `atS` is the end of that second. */
export interface ThroughputPoint {
  readonly atS: number;
  readonly perSecond: number;
}

const NS_PER_S = 1e9;
/** A trailing partial second narrower than this gives a noisy rate and is dropped. */
const MIN_PARTIAL_WIDTH_S = 0.5;

/**
 * Counts completions into one-second buckets from the start of a run, so a
 * plot shows warm-up effects, GC pauses and throttling that an average hides.
 */
export class ThroughputCounter {
  private readonly buckets: number[] = [];

  /** `offsetNs`: when a request completed, in ns since the run started. */
  add(offsetNs: number): void {
    const index = Math.max(0, Math.floor(offsetNs / NS_PER_S));
    while (this.buckets.length <= index) this.buckets.push(0);
    this.buckets[index] = (this.buckets[index] ?? 0) + 1;
  }

  /** The rate per bucket; the last bucket is scaled to its real width. */
  series(elapsedNs: number): ThroughputPoint[] {
    const elapsedS = elapsedNs / NS_PER_S;
    const points: ThroughputPoint[] = [];
    this.buckets.forEach((count, index) => {
      const width = Math.min(1, elapsedS - index);
      const onlyBucket = this.buckets.length === 1;
      if (width <= 0 || (width < MIN_PARTIAL_WIDTH_S && !onlyBucket)) return;
      points.push({ atS: index + width, perSecond: count / width });
    });
    return points;
  }
}
