import { graphConnectionConfig } from '@memgate/cypher';
import { gatewayConfigSpec } from '@memgate/gateway';
import { ingestionConfig } from '@memgate/ingestion';
import type { EnvVar } from '@memgate/platform/config';
import { kafkaSecurityConfig } from '@memgate/platform/kafka';
import { servicesConfig } from '@memgate/platform/launcher';
import { tracingConfig } from '@memgate/platform/tracing';
import { queryConfig } from '@memgate/query';

type Spec = Record<string, EnvVar<unknown>>;

/**
 * What each container role reads: its service's spec plus the shared
 * operations settings (TLS, read routing, tracing) the services spread in.
 * The shared ones are listed here too, so this check holds before and
 * after a service adopts them.
 */
export const ROLE_SPECS: Readonly<Record<string, readonly Spec[]>> = {
  gateway: [gatewayConfigSpec, kafkaSecurityConfig, tracingConfig],
  query: [queryConfig, graphConnectionConfig, tracingConfig],
  ingestion: [ingestionConfig, graphConnectionConfig, kafkaSecurityConfig, tracingConfig],
  worker: [ingestionConfig, graphConnectionConfig, kafkaSecurityConfig, tracingConfig],
};

/**
 * Read only by the launcher, which starts local JVMs for `npm start` and
 * tests. In a container MEMGRAPH_URI and KAFKA_BROKERS are set, so the
 * launcher never starts anything and these are never read.
 */
export const LAUNCHER_ONLY = new Set(
  Object.values(servicesConfig)
    .map((variable) => variable.name)
    .filter(
      (name) =>
        !['MEMGRAPH_URI', 'MEMGRAPH_USER', 'MEMGRAPH_PASSWORD', 'KAFKA_BROKERS'].includes(name),
    ),
);

/**
 * Variables whose defaults do not fit a container, so a deployment must set
 * them: unset engine and broker mean "start local JVMs", subgraph URLs
 * default to the ones recorded in the supergraph (localhost), ports must
 * match probes, Services and scrape targets, and MEMGATE_ENV defaults to
 * development.
 * Any variable whose default is a file path inside the checkout is added
 * to these by `mustBeSet`.
 */
const CONTAINER_REQUIRED = new Set([
  'MEMGRAPH_URI',
  'MEMGRAPH_USER',
  'MEMGRAPH_PASSWORD',
  'KAFKA_BROKERS',
  'MEMGATE_ENV',
  'LOG_LEVEL',
  'MEMGATE_GATEWAY_PORT',
  'MEMGATE_QUERY_PORT',
  'MEMGATE_INGESTION_PORT',
  'MEMGATE_WORKER_PORT',
  'MEMGATE_SUBGRAPH_URL_QUERY',
  'MEMGATE_SUBGRAPH_URL_INGESTION',
]);

/** Set by deployments for the image's entrypoint and Node itself, not by a service spec. */
export const NOT_A_SERVICE_SETTING = new Set(['MEMGATE_ROLE', 'NODE_OPTIONS', 'NODE_ENV']);

/** Every variable `role` reads. */
export function variablesOf(role: string): EnvVar<unknown>[] {
  const seen = new Map<string, EnvVar<unknown>>();
  for (const spec of ROLE_SPECS[role] ?? []) {
    for (const variable of Object.values(spec)) seen.set(variable.name, variable);
  }
  return [...seen.values()];
}

/** Whether a deployment must set `variable` rather than rely on its default. */
export function mustBeSet(variable: EnvVar<unknown>): boolean {
  if (LAUNCHER_ONLY.has(variable.name)) return false;
  if (CONTAINER_REQUIRED.has(variable.name)) return true;
  // Paths resolved inside the source checkout (`/…/schema/graph.graphql`, `~/.cache`).
  return /^[/~]/.test(variable.default ?? '');
}

/** Variable names read by any role. */
export function allServiceVariables(): Set<string> {
  return new Set(Object.keys(ROLE_SPECS).flatMap((role) => variablesOf(role).map((v) => v.name)));
}
