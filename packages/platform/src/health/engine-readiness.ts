import type { ReadinessCheck } from '../http/index.js';

/** Anything that can prove the engine answers, e.g. `GraphClient` (its `ping` runs `RETURN 1`). */
export interface Pingable {
  ping(): Promise<unknown>;
}

/** Ready when the graph engine answers a trivial query. */
export function engineReadiness(engine: Pingable, name = 'engine'): ReadinessCheck {
  return {
    name,
    check: async () => {
      await engine.ping();
    },
  };
}
