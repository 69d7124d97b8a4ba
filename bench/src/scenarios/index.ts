import type { Scenario } from '../scenario.js';
import { boltLatency } from './bolt-latency.js';
import { query } from './query.js';

/** Every scenario `npm run bench` knows; add one here after writing `<name>.ts` beside this file. */
export const SCENARIOS: readonly Scenario[] = [boltLatency, query];
