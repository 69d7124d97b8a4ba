import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { ApolloServer, GraphQLResponse } from '@apollo/server';
import type { GraphModel } from '@memgate/graph-model';
import type { FormatError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import type { GraphqlMetrics } from '@memgate/platform/metrics';
import type { Kafka } from 'kafkajs';
import {
  print,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { GRAPHQL_PATH } from './http/createApp.js';
import type { GatewayAssembly } from './plugins/index.js';
import type { AuthSettings } from './security/authSettings.js';
import type { Principal } from './security/principal.js';
import { ChangeFeedRunner } from './subscriptions/changeFeedRunner.js';
import { ChangeHub } from './subscriptions/changeHub.js';
import { kafkaChangeFeed } from './subscriptions/kafkaChangeFeed.js';
import { SharedLoaders } from './subscriptions/sharedLoaders.js';
import { SubscriptionPlans } from './subscriptions/subscriptionPlans.js';
import type { SubscriptionServices } from './subscriptions/subscriptionTypes.js';
import {
  startWebSocketServer,
  type RunningWebSocketServer,
} from './subscriptions/webSocketServer.js';

export interface SubscriptionWiringOptions {
  config: GatewayConfig;
  auth: AuthSettings;
  assembly: GatewayAssembly;
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  schema: () => GraphQLSchema | undefined;
  model: () => GraphModel;
  formatError: FormatError;
  introspection: boolean;
  /** The broker of the change feed; absent, subscriptions are unavailable. */
  kafka: Kafka | undefined;
  metrics: GraphqlMetrics;
  logger: Logger;
}

export interface SubscriptionWiring {
  readonly hub: ChangeHub;
  /** Resolves once the change feed reads its topic; never when no broker is configured. */
  readonly feedReady: Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The WebSocket transport and the change feed behind it. Events are
 * completed, and queries over WebSocket run, through Apollo Server's own
 * pipeline (`executeOperation`), so they get the same plugins, plans and
 * subgraph calls as HTTP operations.
 */
export function wireSubscriptions(options: SubscriptionWiringOptions): SubscriptionWiring {
  const { config, apollo, logger } = options;
  const hub = new ChangeHub({
    opened: () => options.metrics.subscriptionOpened(),
    closed: () => options.metrics.subscriptionClosed(),
  });
  const printed = new WeakMap<DocumentNode, string>();
  const run = async (
    request: {
      query: string;
      variables: Record<string, unknown>;
      operationName?: string | undefined;
    },
    principal: Principal,
    derived: boolean,
  ): Promise<FormattedExecutionResult> => {
    const response = await apollo.executeOperation(request, {
      contextValue: { requestId: randomUUID(), principal, transport: 'websocket', derived },
    });
    return resultOf(response);
  };
  const services: SubscriptionServices = {
    hub,
    loaders: new SharedLoaders(config.subscriptionBurstMs),
    plans: new SubscriptionPlans(),
    model: options.model,
    maxPendingEvents: config.wsMaxPendingEvents,
    logger: logger.child({ component: 'subscriptions' }),
    execute: (document, variables, principal) => {
      let query = printed.get(document);
      if (query === undefined) {
        query = print(document);
        printed.set(document, query);
      }
      return run({ query, variables }, principal, true);
    },
  };
  const feed = options.kafka
    ? new ChangeFeedRunner(
        kafkaChangeFeed({
          kafka: options.kafka,
          topicPrefix: config.topicPrefix,
          groupPrefix: config.subscriptionGroupPrefix,
          hub,
          logger: logger.child({ component: 'change-feed' }),
        }),
        logger,
      )
    : undefined;
  if (!feed) logger.info('no Kafka brokers configured: subscriptions are unavailable');
  let webSocket: RunningWebSocketServer | undefined;

  return {
    hub,
    feedReady: feed?.ready ?? new Promise<void>(() => undefined),
    start() {
      webSocket = startWebSocketServer({
        httpServer: options.httpServer,
        path: GRAPHQL_PATH,
        schema: options.schema,
        verify: options.auth.verify,
        anonymousAllowed: !options.auth.enabled || options.auth.anonymous !== 'none',
        clockSkewSeconds: config.authClockSkewSeconds,
        guards: options.assembly.guards,
        documentLimits: options.assembly.documentLimits,
        introspection: options.introspection,
        trustedDocuments: options.assembly.trustedDocuments,
        rateLimit: options.assembly.rateLimit,
        subscriptions: feed ? services : undefined,
        runOperation: (request, principal) => run(request, principal, false),
        formatError: options.formatError,
        initTimeoutMs: config.wsInitTimeoutMs,
        keepAliveMs: config.wsKeepAliveMs,
        maxPayloadBytes: config.maxBodyBytes,
        maxBufferedBytes: config.wsMaxBufferedBytes,
        maxSubscriptions: config.wsMaxSubscriptions,
        trustProxyHops: config.trustProxyHops,
        metrics: options.metrics,
        production: config.environment === 'production',
        logger: logger.child({ component: 'websocket' }),
      });
      feed?.start();
    },
    async stop() {
      await webSocket?.close();
      await feed?.stop();
    },
  };
}

function resultOf(response: GraphQLResponse): FormattedExecutionResult {
  const result =
    response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  return { data: result.data, errors: result.errors };
}
