import type { Scenario } from '../scenario.js';
import { boltLatency } from './bolt-latency.js';
import { gateway } from './gateway.js';
import { ingest } from './ingest.js';
import { query } from './query.js';
import { subscriptions } from './subscriptions.js';

/** Every scenario `npm run bench` knows; add one here after writing `<name>.ts` beside this file. */
export const SCENARIOS: readonly Scenario[] = [boltLatency, query, gateway, subscriptions, ingest];
