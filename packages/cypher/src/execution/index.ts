export { GraphClient } from './graph-client.js';
export type {
  EngineConnection,
  GraphClientOptions,
  RunOptions,
  Statement,
  TransactionScope,
} from './graph-client.js';
export { boltDriverSettings } from './bolt-driver.js';
export type { BoltTarget } from './bolt-driver.js';
export { graphConnectionConfig } from './connection-config.js';
export type { GraphInstrumentation } from './instrumentation.js';
export { timeoutError, toEngineError } from './errors.js';
export { fromBolt, isIsoDateTime, toBoltDateTime } from './values.js';
