import { fileURLToPath } from 'node:url';
import {
  boolVar,
  enumVar,
  intVar,
  listVar,
  loggingConfig,
  optionalStringVar,
  optionalUrlVar,
  portVar,
  stringVar,
  type ConfigOf,
  environmentConfig,
  ENVIRONMENTS,
  type MemgateEnvironment,
} from '@memgate/platform/config';
import { kafkaSecurityConfig } from '@memgate/platform/kafka';
import { tracingConfig } from '@memgate/platform/tracing';
import { tlsConfigSpec } from './http/tlsConfig.js';
import { limitsConfigSpec } from './limits/limitsConfig.js';
import { authConfigSpec } from './security/authConfig.js';
import { subscriptionsConfigSpec } from './subscriptions/subscriptionsConfig.js';

/** The composed supergraph that `npm run compose` writes, relative to this file. */
const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);
/** The graph SDL whose `@auth` directives the RBAC rules are compiled from. */
const DEFAULT_GRAPH_SCHEMA_PATH = fileURLToPath(
  new URL('../../schema/graph.graphql', import.meta.url),
);

/**
 * The subgraphs an operator may re-point, named as the supergraph's
 * `join__Graph` enum names them. Adding one here and a variable below is all
 * it takes; `subgraphUrlsFrom` picks both up by name.
 */
export const SUBGRAPH_NAMES = ['query', 'ingestion'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

function subgraphUrlVar(name: SubgraphName): ReturnType<typeof optionalUrlVar> {
  return optionalUrlVar(`MEMGATE_SUBGRAPH_URL_${name.toUpperCase()}`, {
    description: `URL of the ${name} subgraph (e.g. http://query:4001/graphql). Unset: the URL recorded in the supergraph.`,
    protocols: ['http', 'https'],
  });
}

export const GATEWAY_ENVIRONMENTS = ENVIRONMENTS;
export type GatewayEnvironment = MemgateEnvironment;

export const gatewayConfigSpec = {
  port: portVar('MEMGATE_GATEWAY_PORT', {
    description: 'Port the gateway listens on; 0 picks a free port.',
    default: 4000,
  }),
  ...environmentConfig,
  supergraphPath: stringVar('MEMGATE_SUPERGRAPH_PATH', {
    description:
      'Path of the composed supergraph SDL. The gateway watches it and switches to a new valid version without a restart.',
    default: DEFAULT_SUPERGRAPH_PATH,
  }),
  // Not a boolVar: the right default depends on MEMGATE_ENV, and a boolVar
  // cannot tell "unset" from an explicit value.
  introspection: enumVar('MEMGATE_INTROSPECTION', {
    description:
      'Whether clients may introspect the schema: auto (on in development, off in production), true or false.',
    values: ['auto', 'true', 'false'],
    default: 'auto',
  }),
  subgraphs: listVar('MEMGATE_SUBGRAPHS', {
    description:
      'Development only: compose the supergraph from these running subgraphs (name=url, comma-separated, e.g. query=http://localhost:4001/graphql) instead of reading MEMGATE_SUPERGRAPH_PATH, and recompose when they change. Refused in production, which serves a committed supergraph.',
  }),
  subgraphsPollMs: intVar('MEMGATE_SUBGRAPHS_POLL_MS', {
    description:
      'With MEMGATE_SUBGRAPHS: how often the subgraphs are asked for their schema again.',
    default: 10_000,
    min: 100,
  }),
  querySubgraphUrl: subgraphUrlVar('query'),
  ingestionSubgraphUrl: subgraphUrlVar('ingestion'),
  subgraphTimeoutMs: intVar('MEMGATE_SUBGRAPH_TIMEOUT_MS', {
    description:
      'How long one request to a subgraph may take, connecting included, before it fails as SUBGRAPH_UNAVAILABLE.',
    default: 10_000,
    min: 1,
  }),
  maxBodyBytes: intVar('MEMGATE_MAX_BODY_BYTES', {
    description:
      'Largest request body (and WebSocket message) accepted, in bytes; larger ones get 413 PAYLOAD_TOO_LARGE.',
    default: 1024 * 1024,
    min: 1,
  }),
  graphSchemaPath: stringVar('MEMGATE_GRAPH_SCHEMA_PATH', {
    description:
      'The graph SDL (node types, relationships, keys) both subgraphs derive their API from.',
    default: DEFAULT_GRAPH_SCHEMA_PATH,
  }),
  corsOrigins: listVar('MEMGATE_CORS_ORIGINS', {
    description:
      'Comma-separated browser origins allowed to call the gateway (CORS); `*` for any. In development Apollo Studio is always allowed.',
  }),
  apq: boolVar('MEMGATE_APQ', {
    description:
      'Automatic persisted queries: clients may send a document hash instead of the document once the gateway has seen it.',
    default: true,
  }),
  trustedDocuments: optionalStringVar('MEMGATE_TRUSTED_DOCUMENTS', {
    description:
      'Path of a trusted-documents manifest (JSON: id → document, or an Apollo persisted-query manifest). Set, only those documents may run.',
  }),
  apolloTelemetry: boolVar('MEMGATE_APOLLO_TELEMETRY', {
    description:
      'Whether @apollo/gateway may send Apollo its anonymous usage metrics (OS, architecture, CPUs, memory, uptime), which it does by default, after probing cloud metadata endpoints to name the cloud it runs on. Off, the gateway makes no call its configuration does not name.',
    default: false,
  }),
  readyRequiresBroker: boolVar('MEMGATE_READY_REQUIRES_BROKER', {
    description:
      'Whether /readyz reports the gateway unready while the Kafka broker of the change feed is unreachable (only with KAFKA_BROKERS). false keeps a replica in rotation for queries while Kafka is down.',
    default: true,
  }),
  ...tlsConfigSpec,
  ...authConfigSpec,
  ...limitsConfigSpec,
  ...subscriptionsConfigSpec,
  ...kafkaSecurityConfig,
  ...tracingConfig,
  ...loggingConfig,
};

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

/** Subgraph URL overrides, keyed by subgraph name. */
export type SubgraphUrls = Readonly<Partial<Record<string, string>>>;

export function subgraphUrlsFrom(config: GatewayConfig): SubgraphUrls {
  const urls: Partial<Record<string, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = config[`${name}SubgraphUrl`];
    if (url !== undefined) urls[name] = url;
  }
  return urls;
}

/** Resolves `MEMGATE_INTROSPECTION=auto` against the environment. */
export function introspectionEnabled(
  config: Pick<GatewayConfig, 'introspection' | 'environment'>,
): boolean {
  if (config.introspection === 'auto') return config.environment === 'development';
  return config.introspection === 'true';
}
