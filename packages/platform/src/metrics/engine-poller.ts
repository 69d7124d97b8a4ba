import type { EngineMetrics } from './engine-metrics.js';
import { readEngineStats, type EngineName, type RunStatsQuery } from './engine-stats.js';
import { startPoller, type Poller } from './poller.js';

export interface EngineStatsPollerOptions {
  readonly metrics: EngineMetrics;
  readonly engine: EngineName;
  /** Runs a statement auto-commit: `(text) => graphClient.readAutoCommit(text)`. */
  readonly run: RunStatsQuery;
  /** Default 30 s: storage figures change slowly and the query is not free. */
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** Polls the engine storage figures into the `memgate_engine_*` gauges. */
export function startEngineStatsPoller(options: EngineStatsPollerOptions): Poller {
  return startPoller(
    async () => {
      options.metrics.record(options.engine, await readEngineStats(options.engine, options.run));
    },
    {
      intervalMs: options.intervalMs ?? 30_000,
      onError: (error) => {
        options.metrics.recordPollFailure(options.engine);
        options.onError?.(error);
      },
    },
  );
}
