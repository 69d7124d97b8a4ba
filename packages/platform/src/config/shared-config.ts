import { enumVar, listVar, optionalStringVar, optionalUrlVar, stringVar } from './env-var.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ENVIRONMENTS = ['development', 'production'] as const;
export type MemgateEnvironment = (typeof ENVIRONMENTS)[number];

/** One switch for every service: what development allows, production refuses. */
export const environmentConfig = {
  environment: enumVar('MEMGATE_ENV', {
    description:
      'development serves Apollo Sandbox and detailed errors and lets auth and identity checks default off; production hides internal error messages and requires them.',
    values: ENVIRONMENTS,
    default: 'development',
  }),
};

/** Where the graph engine is. Unset `MEMGRAPH_URI` means "start the local engine". */
export const engineConfig = {
  uri: optionalUrlVar('MEMGRAPH_URI', {
    description:
      'Bolt URI of an external Memgraph (e.g. bolt://memgraph:7687). Unset: the launcher starts a local Bolt engine on loopback.',
    protocols: ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'],
  }),
  user: optionalStringVar('MEMGRAPH_USER', {
    description: 'User for MEMGRAPH_URI (unset: no authentication).',
  }),
  password: optionalStringVar('MEMGRAPH_PASSWORD', {
    description: 'Password for MEMGRAPH_USER.',
    secret: true,
  }),
};

/** Where the Kafka brokers are. Unset `KAFKA_BROKERS` means "start the local broker". */
export const kafkaConfig = {
  brokers: listVar('KAFKA_BROKERS', {
    description:
      'Comma-separated host:port list of an external Kafka cluster. Unset: the launcher starts a local KRaft broker on loopback.',
  }),
};

export const loggingConfig = {
  logLevel: enumVar('LOG_LEVEL', {
    description: 'Log level of every service (pino levels).',
    values: LOG_LEVELS,
    default: 'info',
  }),
};

export const launcherConfig = {
  cacheDir: stringVar('MEMGATE_CACHE_DIR', {
    description:
      'Where the launcher caches the Kafka and engine jars it fetches from Maven Central (outside the repository).',
    default: '~/.cache/memgate',
  }),
};
