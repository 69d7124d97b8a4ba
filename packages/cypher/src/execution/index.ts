export { GraphClient } from './graph-client.js';
export type {
  EngineConnection,
  GraphClientOptions,
  RunOptions,
  Statement,
} from './graph-client.js';
export { timeoutError, toEngineError } from './errors.js';
export { fromBolt, isIsoDateTime, toBoltDateTime } from './values.js';
