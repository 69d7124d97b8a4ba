import type { ReadinessCheck } from '@memgate/platform/http';
import type { CircuitSnapshot } from './circuit-breaker.js';

/**
 * Not ready while the engine circuit is open: the worker has paused
 * consuming and only probes the engine, so its partitions' lag grows.
 * Half-open counts as ready, since consumption has resumed.
 */
export function circuitReadiness(circuit: () => CircuitSnapshot, name = 'circuit'): ReadinessCheck {
  return {
    name,
    check: () => {
      const { state, consecutiveFailures, probes } = circuit();
      if (state !== 'open') return Promise.resolve();
      return Promise.reject(
        new Error(
          `the engine circuit is open after ${consecutiveFailures} failed writes: consumption paused, ${probes} probes so far`,
        ),
      );
    },
  };
}
