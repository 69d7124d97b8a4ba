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
}

/**
 * The query planner and executor: plans each operation over the subgraphs
 * of the current supergraph and calls them through SubgraphDataSource.
 */
export function createApolloGateway(options: ApolloGatewayOptions): ApolloGateway {
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
