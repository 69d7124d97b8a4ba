import { ApolloGateway, type SupergraphManager, type SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@memgate/platform/logging';
import type { SubgraphMetrics } from '@memgate/platform/metrics';
import type { Tracer } from '@memgate/platform/tracing';
import type { SubgraphUrls } from '../config.js';
import type { IdentityForwarder } from './identityForwarder.js';
import { SubgraphDataSource } from './SubgraphDataSource.js';
import type { Fetcher } from './subgraphFetcher.js';

export interface ApolloGatewayOptions {
  supergraph: SupergraphSdlHook | SupergraphManager;
  /** Replaces the URL the supergraph records for the named subgraphs. */
  subgraphUrls: SubgraphUrls;
  fetch: Fetcher;
  logger: Logger;
  forwardIdentity?: IdentityForwarder | undefined;
  metrics: SubgraphMetrics;
  tracer: Tracer;
  /** Whether @apollo/gateway may send Apollo its usage metrics (MEMGATE_APOLLO_TELEMETRY). */
  apolloTelemetry: boolean;
}

/**
 * The query planner and executor: plans each operation over the subgraphs
 * of the current supergraph and calls them through SubgraphDataSource.
 */
export function createApolloGateway(options: ApolloGatewayOptions): ApolloGateway {
  const make = (): ApolloGateway => construct(options);
  return options.apolloTelemetry ? make() : withoutApolloTelemetry(make);
}

function construct(options: ApolloGatewayOptions): ApolloGateway {
  const { logger } = options;
  return new ApolloGateway({
    supergraphSdl: options.supergraph,
    logger,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (target === undefined) {
        throw new Error(
          `The supergraph gives no URL for subgraph "${name}" and none is configured.`,
        );
      }
      logger.debug({ subgraph: name, url: target }, 'subgraph data source');
      return new SubgraphDataSource({
        name,
        url: target,
        fetch: options.fetch,
        logger,
        forwardIdentity: options.forwardIdentity,
        metrics: options.metrics,
        tracer: options.tracer,
      });
    },
  });
}

/**
 * @apollo/gateway's constructor starts sending Apollo usage metrics unless
 * APOLLO_TELEMETRY_DISABLED is set, its only switch; it reads it there and
 * nowhere else. Set for the constructor and put back after, so that the
 * process environment is left as it was found. (Starting the metrics also
 * runs OpenTelemetry cloud detectors, which call cloud metadata endpoints.)
 */
function withoutApolloTelemetry(make: () => ApolloGateway): ApolloGateway {
  const before = process.env['APOLLO_TELEMETRY_DISABLED'];
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env['APOLLO_TELEMETRY_DISABLED'];
    else process.env['APOLLO_TELEMETRY_DISABLED'] = before;
  }
}
