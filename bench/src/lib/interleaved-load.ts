import { LatencyRecorder } from './latency-recorder.js';
import { runLoad, type LoadResult, type Operation } from './load-driver.js';

export interface InterleavedPlan {
  readonly concurrency: number;
  /** Measured time per contender, split evenly over the rounds. */
  readonly durationMs: number;
  readonly rounds: number;
  /** Unmeasured time per contender before its first slice. */
  readonly warmupMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs contenders in turns — A B C, A B C, … — instead of one after the
 * other, so a change in background load (another process, a GC storm, a
 * JIT finishing) hits every contender alike. Each contender's slices
 * record into one distribution.
 */
export async function runInterleaved<K extends string>(
  contenders: Readonly<Record<K, Operation>>,
  plan: InterleavedPlan,
): Promise<Record<K, LoadResult>> {
  const keys = Object.keys(contenders) as K[];
  const recorders = new Map(keys.map((key) => [key, new LatencyRecorder()]));
  const totals = new Map(
    keys.map((key) => [
      key,
      { completed: 0, errors: 0, elapsedMs: 0, firstError: undefined as string | undefined },
    ]),
  );
  for (const key of keys) {
    await runLoad(contenders[key], {
      concurrency: plan.concurrency,
      requests: 1,
      warmup: { durationMs: plan.warmupMs },
      signal: plan.signal,
    });
  }
  const last = new Map<K, LoadResult>();
  for (let round = 0; round < plan.rounds && !plan.signal?.aborted; round += 1) {
    for (const key of keys) {
      const result = await runLoad(contenders[key], {
        concurrency: plan.concurrency,
        durationMs: plan.durationMs / plan.rounds,
        signal: plan.signal,
        recorder: recorders.get(key),
      });
      const total = totals.get(key);
      if (total) {
        total.completed += result.completed;
        total.errors += result.errors;
        total.elapsedMs += result.elapsedMs;
        total.firstError ??= result.firstError;
      }
      last.set(key, result);
    }
  }
  const results = {} as Record<K, LoadResult>;
  for (const key of keys) {
    const total = totals.get(key);
    const lastResult = last.get(key);
    if (!total || !lastResult) continue;
    results[key] = {
      ...lastResult,
      completed: total.completed,
      errors: total.errors,
      firstError: total.firstError,
      elapsedMs: total.elapsedMs,
      throughputPerSecond: total.elapsedMs > 0 ? total.completed / (total.elapsedMs / 1000) : 0,
      aborted: plan.signal?.aborted ?? false,
    };
  }
  return results;
}
