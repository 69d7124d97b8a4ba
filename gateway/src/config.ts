import { fileURLToPath } from 'node:url';
import {
  enumVar,
  intVar,
  loggingConfig,
  optionalUrlVar,
  portVar,
  stringVar,
  type ConfigOf,
} from '@memgate/platform/config';

/** The composed supergraph that `npm run compose` writes, relative to this file. */
const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
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

export const GATEWAY_ENVIRONMENTS = ['development', 'production'] as const;
export type GatewayEnvironment = (typeof GATEWAY_ENVIRONMENTS)[number];

export const gatewayConfigSpec = {
  port: portVar('MEMGATE_GATEWAY_PORT', {
    description: 'Port the gateway listens on; 0 picks a free port.',
    default: 4000,
  }),
  environment: enumVar('MEMGATE_ENV', {
    description:
      'development serves Apollo Sandbox and detailed errors; production hides internal error messages and stack traces.',
    values: GATEWAY_ENVIRONMENTS,
    default: 'development',
  }),
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
  querySubgraphUrl: subgraphUrlVar('query'),
  ingestionSubgraphUrl: subgraphUrlVar('ingestion'),
  subgraphTimeoutMs: intVar('MEMGATE_SUBGRAPH_TIMEOUT_MS', {
    description:
      'How long one request to a subgraph may take, connecting included, before it fails as SUBGRAPH_UNAVAILABLE.',
    default: 10_000,
    min: 1,
  }),
  maxBodyBytes: intVar('MEMGATE_MAX_BODY_BYTES', {
    description: 'Largest request body accepted, in bytes; larger ones get 413 PAYLOAD_TOO_LARGE.',
    default: 1024 * 1024,
    min: 1,
  }),
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
