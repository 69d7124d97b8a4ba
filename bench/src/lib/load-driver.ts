import { LatencyRecorder, type LatencySummary } from './latency-recorder.js';
import { ThroughputCounter, type ThroughputPoint } from './throughput-series.js';

/** One request of a benchmark; `worker` (0..concurrency-1) lets it use per-worker resources. */
export type Operation = (worker: number) => Promise<void>;

export interface LoadPlan {
  /** Requests in flight at all times: a closed loop of this many workers. */
  readonly concurrency: number;
  /** Stop starting requests after this long. */
  readonly durationMs?: number;
  /** Stop after this many measured requests in total. */
  readonly requests?: number;
  /**
   * Requests run first and not measured, so JITs (ours and a JVM engine's),
   * pools and caches are warm; it ends at whichever bound comes first.
   */
  readonly warmup?: { readonly requests?: number; readonly durationMs?: number };
  /** Aborting stops the workers after their current request. */
  readonly signal?: AbortSignal;
  /**
   * Record into this recorder instead of a fresh one, so several runs
   * (interleaved slices of one case) summarise as one distribution.
   */
  readonly recorder?: LatencyRecorder;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly completed: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
  /** Successful requests per second over the whole measured phase. */
  readonly throughputPerSecond: number;
  readonly latency: LatencySummary;
  readonly series: readonly ThroughputPoint[];
  readonly aborted: boolean;
}

const now = (): number => Number(process.hrtime.bigint());

/**
 * Drives `operation` with a fixed number of concurrent workers, each starting
 * its next request when the previous one ends (closed loop: the latencies are
 * the service's, with no queueing in the client). Failed requests are counted,
 * not timed. Warm-up failures throw: a run whose first requests fail measures
 * nothing useful.
 */
export async function runLoad(operation: Operation, plan: LoadPlan): Promise<LoadResult> {
  validatePlan(plan);
  if (plan.warmup) await warmUp(operation, plan.concurrency, plan.warmup, plan.signal);

  const latency = plan.recorder ?? new LatencyRecorder();
  const countBefore = latency.summary().count;
  const throughput = new ThroughputCounter();
  const startNs = now();
  const deadlineNs = plan.durationMs === undefined ? Infinity : startNs + plan.durationMs * 1e6;
  let started = 0;
  let errors = 0;
  let firstError: string | undefined;

  const mayStart = (): boolean =>
    !plan.signal?.aborted &&
    (plan.requests === undefined || started < plan.requests) &&
    now() < deadlineNs;

  const worker = async (id: number): Promise<void> => {
    while (mayStart()) {
      started += 1;
      const begin = now();
      try {
        await operation(id);
      } catch (error) {
        errors += 1;
        firstError ??= errorText(error);
        continue;
      }
      const end = now();
      latency.record(end - begin);
      throughput.add(end - startNs);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, id) => worker(id)));

  const elapsedNs = now() - startNs;
  const summary = latency.summary();
  const completed = summary.count - countBefore;
  return {
    concurrency: plan.concurrency,
    completed,
    errors,
    firstError,
    elapsedMs: elapsedNs / 1e6,
    throughputPerSecond: elapsedNs > 0 ? completed / (elapsedNs / 1e9) : 0,
    latency: summary,
    series: throughput.series(elapsedNs),
    aborted: plan.signal?.aborted ?? false,
  };
}

async function warmUp(
  operation: Operation,
  concurrency: number,
  bounds: NonNullable<LoadPlan['warmup']>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const requests = bounds.requests ?? Infinity;
  const deadlineNs = bounds.durationMs === undefined ? Infinity : now() + bounds.durationMs * 1e6;
  if (requests === Infinity && deadlineNs === Infinity)
    throw new RangeError('a warm-up needs a duration or a request count');
  let started = 0;
  const worker = async (id: number): Promise<void> => {
    while (started < requests && now() < deadlineNs && !signal?.aborted) {
      started += 1;
      await operation(id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
}

function validatePlan(plan: LoadPlan): void {
  if (!Number.isInteger(plan.concurrency) || plan.concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number >= 1, got ${plan.concurrency}`);
  }
  if (plan.durationMs === undefined && plan.requests === undefined) {
    // An unbounded load loop is never what a benchmark wants.
    throw new RangeError('a load plan needs a duration, a request count, or both');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
