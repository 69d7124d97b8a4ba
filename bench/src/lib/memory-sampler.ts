export interface MemorySample {
  /** Milliseconds since the sampler started. */
  readonly atMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

export interface MemoryReport {
  readonly samples: readonly MemorySample[];
  readonly peakRssBytes: number;
  readonly peakHeapUsedBytes: number;
}

export interface MemorySampler {
  /** Takes a last sample and stops the timer. */
  stop(): MemoryReport;
}

export type MemoryReader = () => { rss: number; heapUsed: number };

/**
 * Samples this process's RSS and V8 heap on a timer for the length of a run,
 * so a report shows whether the client itself grew (a leak in the harness or
 * the driver skews latencies through GC pauses). The timer is unref'd: it
 * never keeps the process alive.
 */
export function startMemorySampler(
  intervalMs = 250,
  read: MemoryReader = () => process.memoryUsage(),
): MemorySampler {
  const started = performance.now();
  const samples: MemorySample[] = [];
  const take = (): void => {
    const usage = read();
    samples.push({
      atMs: Math.round(performance.now() - started),
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return memoryReport(samples);
    },
  };
}

/** Samples with their peaks (0 when there are none). */
export function memoryReport(samples: readonly MemorySample[]): MemoryReport {
  return {
    samples: [...samples],
    peakRssBytes: Math.max(0, ...samples.map((sample) => sample.rssBytes)),
    peakHeapUsedBytes: Math.max(0, ...samples.map((sample) => sample.heapUsedBytes)),
  };
}
