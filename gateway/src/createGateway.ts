import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { parseGraphModel, type GraphModel } from '@memgate/graph-model';
import { loadConfig } from '@memgate/platform/config';
import { createFormatError, MemgateError } from '@memgate/platform/errors';
import { brokerReadiness } from '@memgate/platform/health';
import { kafkaClientSecurity } from '@memgate/platform/kafka';
import { createLogger, type Logger } from '@memgate/platform/logging';
import { createServiceMetrics, type ServiceMetrics } from '@memgate/platform/metrics';
import { createTracing, type Tracing } from '@memgate/platform/tracing';
import type { Express, RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import {
  gatewayConfigSpec,
  introspectionEnabled,
  subgraphUrlsFrom,
  type GatewayConfig,
  type SubgraphUrls,
} from './config.js';
import { createContext, type GatewayContext } from './context.js';
import { createApolloGateway } from './federation/createApolloGateway.js';
import { createIdentityForwarder } from './federation/identityForwarder.js';
import { createSubgraphFetcher } from './federation/subgraphFetcher.js';
import {
  composedSupergraph,
  fileSupergraph,
  staticSupergraph,
} from './federation/supergraphSource.js';
import { parseSubgraphList } from './federation/subgraphList.js';
import { createApp, GRAPHQL_PATH } from './http/createApp.js';
import { Readiness } from './http/readiness.js';
import {
  createGatewayServer,
  reloadCredentialsOnChange,
  serverCredentials,
  subgraphTrust,
} from './http/tls.js';
import { assembleGateway, servesLandingPage } from './plugins/index.js';
import { resolveAuthSettings } from './security/authSettings.js';
import { wireSubscriptions } from './subscriptionWiring.js';
import { createGatewayKafka } from './subscriptions/kafkaClient.js';
import { SUBSCRIPTION_FIELDS } from './subscriptions/subscriptionSources.js';

export interface CreateGatewayOptions {
  /** Loaded configuration; what is left out takes its documented default. */
  config?: Partial<GatewayConfig>;
  /** A supergraph to serve as is, instead of watching `config.supergraphPath`. */
  supergraphSdl?: string;
  /** Subgraph URL overrides, on top of those from the configuration. */
  subgraphUrls?: SubgraphUrls;
  /** Brokers of the change feed, e.g. the launcher's local broker; overrides KAFKA_BROKERS. */
  kafkaBrokers?: readonly string[];
  logger?: Logger;
  /** Where the gateway records its metrics; a registry of its own when not given. */
  metrics?: ServiceMetrics;
  /**
   * Its tracing; made from the configuration when not given (not registered
   * process-wide: in one process with the subgraphs each keeps its own).
   */
  tracing?: Tracing;
}

export interface Gateway {
  /** The GraphQL endpoint, once started. */
  readonly url: string | undefined;
  readonly app: Express;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly metrics: ServiceMetrics;
  /** Loads the supergraph and listens. */
  start(): Promise<{ url: string }>;
  /** Stops taking requests, lets in-flight ones finish, and closes every connection. */
  stop(): Promise<void>;
  /** Resolves once subscriptions receive changes (the change feed reads its topic). */
  subscriptionsReady(): Promise<void>;
  /** Subscriptions listening to the change feed on this replica now. */
  activeSubscriptions(): number;
}

/**
 * Builds the whole gateway without listening, so tests and `main.ts` drive
 * the same object.
 */
export function createGateway(options: CreateGatewayOptions = {}): Gateway {
  // Defaults come from the spec itself, never from process.env: a caller
  // passes what it loaded.
  const config: GatewayConfig = {
    ...loadConfig(gatewayConfigSpec, {}),
    ...options.config,
    ...(options.kafkaBrokers && { brokers: [...options.kafkaBrokers] }),
  };
  const logger = options.logger ?? createLogger({ service: 'gateway', level: config.logLevel });
  const auth = resolveAuthSettings(config);
  if (!auth.enabled) {
    logger.warn('authentication and authorization are off: every caller may run every operation');
  }
  const metrics = options.metrics ?? createServiceMetrics({ service: 'gateway' });
  const tracing =
    options.tracing ??
    createTracing({
      service: 'gateway',
      config,
      registerGlobal: false,
      // Operations and subgraph fetches carry their trace context explicitly;
      // Node 20's async context would cost every promise, subscriptions' too.
      asyncContext: 'when-exporting',
    });
  const credentials = serverCredentials(config);
  const fetcher = createSubgraphFetcher({
    timeoutMs: config.subgraphTimeoutMs,
    ca: subgraphTrust(config),
  });
  const kafka =
    config.brokers.length > 0
      ? createGatewayKafka({
          brokers: config.brokers,
          security: kafkaClientSecurity(config),
          logger: logger.child({ component: 'kafka' }),
        })
      : undefined;
  const readiness = new Readiness();
  // Subscriptions need the broker; a replica that cannot reach it is not ready to serve them.
  const broker = kafka && config.readyRequiresBroker ? brokerReadiness(kafka) : undefined;

  const federation = createApolloGateway({
    supergraph: supergraphSourceOf(config, options.supergraphSdl, logger),
    subgraphUrls: { ...subgraphUrlsFrom(config), ...options.subgraphUrls },
    fetch: fetcher.fetch,
    logger: logger.child({ component: 'apollo-gateway' }),
    forwardIdentity: auth.internalIdentityKey && createIdentityForwarder(auth.internalIdentityKey),
    metrics: metrics.subgraph,
    tracer: tracing.tracer,
    apolloTelemetry: config.apolloTelemetry,
  });

  let graphqlHandler: RequestHandler | undefined;
  const httpServer = createGatewayServer(credentials);
  const certificateWatch =
    credentials &&
    reloadCredentialsOnChange(httpServer, config, logger.child({ component: 'tls' }));
  const loadModel = (): GraphModel => parseGraphModel(readFileSync(config.graphSchemaPath, 'utf8'));
  const assembly = assembleGateway({
    config,
    auth,
    httpServer,
    logger,
    metrics: metrics.graphql,
    loadModel,
    gatewayFields: SUBSCRIPTION_FIELDS,
  });
  let schema: GraphQLSchema | undefined;
  let model: GraphModel | undefined;
  // Registered before Apollo Server registers its own listener in start(),
  // so rules and costs of a new supergraph are in place before it is served.
  federation.onSchemaLoadOrUpdate((load) => {
    for (const listener of assembly.schemaListeners) listener(load);
    schema = load.apiSchema;
    // The graph SDL changes with the supergraph (`npm run compose`): read it again when next needed.
    model = undefined;
    readiness.supergraphLoad();
  });

  const app = createApp({
    asyncContext: tracing.asyncContext,
    readiness: [...readiness.checks(), ...(broker ? [broker] : [])],
    metrics,
    tracer: tracing.tracer,
    maxBodyBytes: config.maxBodyBytes,
    landingPageAtRoot: servesLandingPage(config.environment),
    graphqlHandler: () => graphqlHandler,
    beforeBody: assembly.beforeBody,
    afterBody: assembly.afterBody,
    trustProxyHops: config.trustProxyHops,
    logger,
  });
  httpServer.on('request', app);
  const production = config.environment === 'production';
  const formatError = createFormatError({ maskInternalErrors: production });

  const apollo = new ApolloServer<GatewayContext>({
    // @apollo/gateway 2.14 implements GatewayInterface of
    // @apollo/server-gateway-interface 1.x and Apollo Server 5 asks for 2.x;
    // both declare the same members, so no cast is needed (checked by tsc and
    // by createGateway.int.test.ts at run time).
    gateway: federation,
    plugins: assembly.apolloPlugins,
    introspection: introspectionEnabled(config),
    csrfPrevention: true,
    parseOptions: assembly.documentLimits.parseOptions,
    validationRules: [...assembly.documentLimits.validationRules],
    allowBatchedHttpRequests: config.maxBatchSize > 0,
    // In allowlist mode documents are named by the manifest, never registered by clients.
    persistedQueries: config.apq && !assembly.trustedDocuments ? {} : false,
    // No "Did you mean …?" in production: suggestions map out the schema for a stranger.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: !production,
    formatError,
    logger: logger.child({ component: 'apollo-server' }),
    // main.ts decides what a signal does; Apollo's own handler would exit the process.
    stopOnTerminationSignals: false,
  });
  const subscriptions = wireSubscriptions({
    config,
    auth,
    assembly,
    httpServer,
    apollo,
    schema: () => schema,
    model: () => (model ??= loadModel()),
    formatError,
    introspection: introspectionEnabled(config),
    kafka,
    metrics: metrics.graphql,
    logger,
  });

  let url: string | undefined;
  let phase: 'created' | 'starting' | 'started' | 'stopped' = 'created';
  let starting: Promise<unknown> | undefined;

  async function startOnce(): Promise<{ url: string }> {
    try {
      await apollo.start();
    } catch (error) {
      // Apollo cannot be stopped after a failed start; only our own pool needs closing.
      phase = 'stopped';
      await release();
      throw error;
    }
    phase = 'started';
    graphqlHandler = expressMiddleware(apollo, { context: createContext });
    subscriptions.start();
    try {
      const scheme = credentials ? 'https' : 'http';
      url = `${scheme}://localhost:${await listen(httpServer, config.port)}${GRAPHQL_PATH}`;
    } catch (error) {
      await stop();
      throw error;
    }
    readiness.started();
    logger.info({ url }, 'gateway started');
    return { url };
  }

  function start(): Promise<{ url: string }> {
    if (phase !== 'created') {
      return Promise.reject(new Error(`start() called on a gateway that is ${phase}`));
    }
    phase = 'starting';
    const started = startOnce();
    starting = started;
    return started;
  }

  async function stop(): Promise<void> {
    // A signal can arrive mid-start; let the start finish so there is one thing to undo.
    if (phase === 'starting') await starting?.catch(() => undefined);
    if (phase === 'stopped') return;
    const wasStarted = phase === 'started';
    phase = 'stopped';
    readiness.stopping();
    // WebSockets first: the HTTP server cannot close while upgraded sockets are open.
    await subscriptions.stop();
    // The drain plugin closes the HTTP server and waits for in-flight operations.
    if (wasStarted) await apollo.stop();
    await release();
    logger.info('gateway stopped');
  }

  /** What the gateway holds besides Apollo and its servers. */
  async function release(): Promise<void> {
    certificateWatch?.close();
    await broker?.close();
    await fetcher.close();
    if (!options.tracing) await tracing.shutdown();
  }

  return {
    get url() {
      return url;
    },
    app,
    apollo,
    metrics,
    start,
    stop,
    subscriptionsReady: () => subscriptions.feedReady,
    activeSubscriptions: () => subscriptions.hub.size,
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Where the supergraph comes from: one given in code (tests), the running
 * subgraphs of MEMGATE_SUBGRAPHS (development only), or the committed file.
 */
function supergraphSourceOf(
  config: GatewayConfig,
  supergraphSdl: string | undefined,
  logger: Logger,
): SupergraphSdlHook | SupergraphManager {
  if (supergraphSdl !== undefined) return staticSupergraph(supergraphSdl);
  if (config.subgraphs.length === 0) return fileSupergraph(config.supergraphPath, { logger });
  if (config.environment === 'production') {
    throw new MemgateError(
      'INVALID_CONFIG',
      'MEMGATE_SUBGRAPHS composes the supergraph at run time, which production does not allow: compose it with `npm run compose`, commit it, and point MEMGATE_SUPERGRAPH_PATH at it.',
    );
  }
  const subgraphs = parseSubgraphList(config.subgraphs);
  logger.info({ subgraphs }, 'composing the supergraph from running subgraphs (development)');
  return composedSupergraph(subgraphs, {
    pollIntervalMs: config.subgraphsPollMs,
    logger: logger.child({ component: 'introspect-and-compose' }),
  });
}
