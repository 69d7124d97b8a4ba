export {
  boolVar,
  enumVar,
  intVar,
  listVar,
  optionalStringVar,
  optionalUrlVar,
  portVar,
  stringVar,
} from './env-var.js';
export type { EnvVar } from './env-var.js';
export { loadConfig } from './load-config.js';
export type { ConfigOf, ConfigSpec, Environment } from './load-config.js';
export type { MemgateEnvironment } from './shared-config.js';
export {
  ENVIRONMENTS,
  environmentConfig,
  engineConfig,
  kafkaConfig,
  launcherConfig,
  loggingConfig,
  LOG_LEVELS,
} from './shared-config.js';
