import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphModel } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import type { GraphqlMetrics } from '@memgate/platform/metrics';
import type { RequestHandler } from 'express';
import { Authorizer } from '../authorization/authorizer.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import type { SchemaLoadListener } from '../federation/schemaLoad.js';
import { CostLimit } from '../limits/costLimit.js';
import { documentLimits, type DocumentLimits } from '../limits/documentLimits.js';
import { TokenBuckets } from '../limits/tokenBuckets.js';
import type { OperationGuard } from '../operations/operationGuard.js';
import { subscriptionsOverHttpGuard } from '../operations/subscriptionsOverHttp.js';
import { TrustedDocuments } from '../persisted/trustedDocuments.js';
import { anonymousAccessGuard } from '../security/anonymousAccess.js';
import type { AuthSettings } from '../security/authSettings.js';
import { useAuthentication } from './useAuthentication.js';
import { useBatchLimit } from './useBatchLimit.js';
import { APOLLO_STUDIO_ORIGIN, useCors } from './useCors.js';
import { servesLandingPage, useLandingPage } from './useLandingPage.js';
import { useMetrics } from './useMetrics.js';
import { useOperationGuards } from './useOperationGuards.js';
import { useRateLimit } from './useRateLimit.js';
import { useRequestLogging } from './useRequestLogging.js';
import { useTrustedDocuments } from './useTrustedDocuments.js';

export interface GatewayAssemblyOptions {
  config: GatewayConfig;
  auth: AuthSettings;
  httpServer: Server;
  logger: Logger;
  /** Where every operation is recorded, whatever becomes of it. */
  metrics: GraphqlMetrics;
  /** The graph model, for the RBAC rules; read on every supergraph load. */
  loadModel: () => GraphModel;
  /** Which operations the gateway serves itself (subscriptions), and who may call them. */
  gatewayFields: ReadonlyMap<string, 'read' | 'write'>;
}

/** Every cross-cutting concern of the gateway, per transport, in the order it applies. */
export interface GatewayAssembly {
  /** HTTP, before the body is read. */
  readonly beforeBody: RequestHandler[];
  /** HTTP, once the body is parsed and before Apollo: checks that need no schema. */
  readonly afterBody: RequestHandler[];
  /** Every transport, once the operation is known: checks against the schema. */
  readonly guards: OperationGuard[];
  readonly documentLimits: DocumentLimits;
  readonly apolloPlugins: ApolloServerPlugin<GatewayContext>[];
  /** Told about every supergraph the gateway starts serving (rules and costs are per schema). */
  readonly schemaListeners: SchemaLoadListener[];
  /** Per-client rate limiting, shared by HTTP and WebSocket; absent when off. */
  readonly rateLimit: TokenBuckets | undefined;
  readonly trustedDocuments: TrustedDocuments | undefined;
}

/**
 * The one place the gateway's concerns are put together. Each is a `useXxx`
 * middleware or plugin or a guard in its own module; here they are ordered:
 * authentication before rate limiting (limits follow the caller, not the
 * address), cheap refusals before expensive ones, authentication errors
 * before authorization errors.
 */
export function assembleGateway(options: GatewayAssemblyOptions): GatewayAssembly {
  const { config, auth, logger } = options;
  const corsOrigins =
    config.environment === 'development'
      ? [...config.corsOrigins, APOLLO_STUDIO_ORIGIN]
      : config.corsOrigins;
  const rateLimit =
    config.rateLimitPerSecond > 0
      ? new TokenBuckets({ ratePerSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst })
      : undefined;
  const trustedDocuments =
    config.trustedDocuments === undefined
      ? undefined
      : TrustedDocuments.fromFile(config.trustedDocuments);
  const costLimit = new CostLimit({
    maxCost: config.maxCost,
    defaultListSize: config.defaultListSize,
    slicingArguments: config.costSlicingArguments,
  });
  const authorizer = auth.enabled
    ? new Authorizer({
        loadModel: options.loadModel,
        logger: logger.child({ component: 'authorization' }),
        readSubgraphs: config.authReadSubgraphs,
        writeSubgraphs: config.authWriteSubgraphs,
        writerRoles: config.authWriterRoles,
        gatewayFields: options.gatewayFields,
      })
    : undefined;

  const afterBody: RequestHandler[] = [useBatchLimit({ maxBatchSize: config.maxBatchSize })];
  if (auth.verify) afterBody.push(useAuthentication({ verify: auth.verify }));
  if (rateLimit) afterBody.push(useRateLimit({ buckets: rateLimit }));
  if (trustedDocuments) afterBody.push(useTrustedDocuments({ documents: trustedDocuments }));

  const metrics = useMetrics(options.metrics);
  const guards: OperationGuard[] = [subscriptionsOverHttpGuard];
  if (auth.enabled) guards.push(anonymousAccessGuard(auth.anonymous));
  if (authorizer) guards.push(authorizer.guard);
  guards.push(costLimit.guard);

  return {
    // Metrics first: a request any later step refuses is still counted.
    beforeBody: [metrics.refusals, useCors({ origins: corsOrigins })],
    afterBody,
    guards,
    documentLimits: documentLimits(config),
    apolloPlugins: [
      // Stop accepting connections and let in-flight operations finish on stop().
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      useLandingPage({ environment: config.environment }),
      useRequestLogging({ logger }),
      metrics.plugin,
      useOperationGuards(guards),
    ],
    schemaListeners: [...(authorizer ? [authorizer.schemaLoaded] : []), costLimit.schemaLoaded],
    rateLimit,
    trustedDocuments,
  };
}

export { servesLandingPage, useLandingPage, useMetrics, useRequestLogging };
