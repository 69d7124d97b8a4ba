import { readFile } from 'node:fs/promises';
import { ApolloServer } from '@apollo/server';
import { GraphClient } from '@memgate/cypher';
import { applyIndexPlan, parseGraphModel, type GraphModel } from '@memgate/graph-model';
import type { ConfigOf } from '@memgate/platform/config';
import { createFormatError } from '@memgate/platform/errors';
import { createServiceApp, graphqlRoute, listen, type Listening } from '@memgate/platform/http';
import { engineReadiness } from '@memgate/platform/health';
import {
  admitInternalIdentity,
  subgraphIdentityPolicy,
  useGatewayOnlyFederationFields,
} from '@memgate/platform/identity';
import type { Logger } from '@memgate/platform/logging';
import {
  apolloMetricsPlugin,
  createServiceMetrics,
  startEngineStatsPoller,
  type Poller,
  type ServiceMetrics,
} from '@memgate/platform/metrics';
import { createTracing, type Tracing } from '@memgate/platform/tracing';
import { createQuerySchema, type QuerySchema } from '../create-query-schema.js';
import { QueryExecutor } from '../execute/query-executor.js';
import { createQueryContext, type QueryContext } from '../resolvers/query-context.js';
import type { queryConfig } from './config.js';

export type QueryConfig = ConfigOf<typeof queryConfig>;

/** A read is a query document and its variables: far below this. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface QuerySubgraph {
  readonly model: GraphModel;
  readonly schema: QuerySchema;
  readonly executor: QueryExecutor;
  readonly client: GraphClient;
  start(): Promise<Listening>;
  stop(): Promise<void>;
}

export interface QuerySubgraphOptions {
  readonly config: QueryConfig;
  readonly logger: Logger;
  /** The engine to read from; defaults to MEMGRAPH_URI of the config. */
  readonly engine: { uri: string; user?: string | undefined; password?: string | undefined };
  /** Metrics and tracing of this service; made from the config when not given. */
  readonly metrics?: ServiceMetrics;
  readonly tracing?: Tracing;
}

/**
 * Builds the query subgraph from the graph SDL: parses and validates the
 * model, creates indexes, generates the API, and serves it over HTTP.
 */
export async function createQuerySubgraph(options: QuerySubgraphOptions): Promise<QuerySubgraph> {
  const { config, logger } = options;
  const metrics = options.metrics ?? createServiceMetrics({ service: 'query' });
  const tracing =
    options.tracing ?? createTracing({ service: 'query', config, registerGlobal: false });
  const model = parseGraphModel(await readFile(config.graphSchemaPath, 'utf8'));
  // Only the gateway may call _entities / _service, and in production (or
  // when required) only the gateway may call at all: its signed identity
  // header proves it (docs/adr/0007-internal-identity.md). Checked before
  // connecting, so a misconfigured subgraph fails at once.
  const identity = subgraphIdentityPolicy(config);
  const identityKey = identity.key;
  const client = await GraphClient.connect(
    { ...options.engine, caFile: config.caFile, readUris: config.readUris },
    {
      timeoutMs: config.timeoutMs,
      userAgent: 'memgate-query',
      instrumentation: {
        tracer: tracing.tracer,
        metrics: metrics.cypher,
        cypherText: config.cypherText,
      },
    },
  );
  try {
    const ddl = await applyIndexPlan(client, model);
    logger.info(
      { engine: client.engine, statements: ddl.length },
      'indexes and constraints in place',
    );
  } catch (error) {
    await client.close();
    throw error;
  }
  const executor = new QueryExecutor(client, {
    timeoutMs: config.timeoutMs,
    queryMemoryLimitMb: config.queryMemoryLimitMb > 0 ? config.queryMemoryLimitMb : undefined,
  });
  const production = config.environment === 'production';
  const schema = createQuerySchema(model, {
    regexFilters: config.regexFilters,
    limits: { maxListSize: config.maxListSize, maxResultObjects: config.maxResultObjects },
  });
  const apollo = new ApolloServer<QueryContext>({
    schema: schema.schema,
    formatError: createFormatError({ maskInternalErrors: production }),
    introspection: true,
    logger,
    plugins: [
      apolloMetricsPlugin(metrics.graphql),
      ...(identityKey
        ? [useGatewayOnlyFederationFields({ key: identityKey, audience: 'query' })]
        : []),
    ],
    // Shutdown is ours: stop() drains HTTP, then Apollo, then the driver.
    stopOnTerminationSignals: false,
  });
  let listening: Listening | undefined;
  // The query subgraph reports the engine's memory and storage for all of Memgate.
  let enginePoller: Poller | undefined;

  return {
    model,
    schema,
    executor,
    client,
    async start() {
      await apollo.start();
      const { app, finish } = createServiceApp({
        logger,
        readiness: [engineReadiness(client)],
        metrics,
        tracer: tracing.tracer,
      });
      enginePoller = startEngineStatsPoller({
        metrics: metrics.engine,
        engine: client.engine,
        run: (text) => client.readAutoCommit(text),
      });
      finish();
      const graphql = graphqlRoute({
        apollo,
        context: () => Promise.resolve(createQueryContext(executor)),
        maxBodyBytes: MAX_BODY_BYTES,
        // The caller is checked (headers only) before the body is read.
        admit: admitInternalIdentity({
          key: identityKey,
          audience: 'query',
          required: identity.required,
        }),
        tracer: tracing.tracer,
        logger,
      });
      listening = await listen(app, config.port, undefined, { '/graphql': graphql });
      logger.info({ url: `${listening.url}/graphql` }, 'query subgraph listening');
      return listening;
    },
    async stop() {
      enginePoller?.stop();
      await listening?.close();
      await apollo.stop();
      await client.close();
      if (!options.tracing) await tracing.shutdown();
    },
  };
}
