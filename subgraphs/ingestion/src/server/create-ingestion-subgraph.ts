import { readFile } from 'node:fs/promises';
import { ApolloServer } from '@apollo/server';
import type { EngineConnection } from '@memgate/cypher';
import { parseGraphModel, type GraphModel } from '@memgate/graph-model';
import { createFormatError } from '@memgate/platform/errors';
import { brokerReadiness, engineReadiness } from '@memgate/platform/health';
import { listen, type Listening } from '@memgate/platform/http';
import { admitInternalIdentity, useGatewayOnlyFederationFields } from '@memgate/platform/identity';
import type { Logger } from '@memgate/platform/logging';
import {
  apolloMetricsPlugin,
  createServiceMetrics,
  type ServiceMetrics,
} from '@memgate/platform/metrics';
import { createTracing, type Tracing } from '@memgate/platform/tracing';
import { OperationAcceptor } from '../accept/operation-acceptor.js';
import { RawAcceptor } from '../accept/raw-acceptor.js';
import { ChangeProducer } from '../kafka/change-producer.js';
import { DeadLetterProducer } from '../kafka/dead-letter-producer.js';
import { DurableProducer } from '../kafka/durable-producer.js';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { kafkaClientSecurity } from '@memgate/platform/kafka';
import { PartitionCounts } from '../kafka/partition-counts.js';
import { OperationProducer } from '../kafka/operation-producer.js';
import { RawRecordProducer } from '../kafka/raw-record-producer.js';
import { ensureTopics, ingestionTopics, pipelineTopics } from '../kafka/topics.js';
import { loadMappings } from '../mapping/load-mappings.js';
import { assertBookkeepingLabelsFree } from '../model/bookkeeping-labels.js';
import { ReceiptStore } from '../receipts/receipt-store.js';
import { generateIngestionSubgraphSdl } from '../schema-generation/generate-ingestion-sdl.js';
import { UploadAcceptor } from '../upload/upload-acceptor.js';
import { CleanupStack } from './cleanup-stack.js';
import { bookkeepingLabelsOf, topicLayoutOf, type IngestionConfig } from './config.js';
import { connectGraph } from './connect-graph.js';
import { createIngestionSchema } from './create-ingestion-schema.js';
import { INGESTION_AUDIENCE, ingestionAccessOf } from './ingestion-access.js';
import { createIngestionHttpApp } from './ingestion-http-app.js';
import { requireRestCaller } from './rest-access.js';

export interface IngestionSubgraphOptions {
  readonly config: IngestionConfig;
  readonly logger: Logger;
  readonly engine: EngineConnection;
  readonly kafkaBrokers: readonly string[];
  /** Metrics and tracing of this service; made from the config when not given. */
  readonly metrics?: ServiceMetrics;
  readonly tracing?: Tracing;
}

export interface IngestionSubgraph {
  readonly model: GraphModel;
  /** The printed subgraph SDL, composed into the supergraph. */
  readonly sdl: string;
  /** Connects to the engine and the broker, creates what is missing, and listens. */
  start(): Promise<Listening>;
  stop(): Promise<void>;
}

/**
 * The ingestion subgraph: validates and enqueues typed operations and raw
 * records, answers with receipts. It never writes user data to the graph
 * itself; workers do.
 */
export async function createIngestionSubgraph(
  options: IngestionSubgraphOptions,
): Promise<IngestionSubgraph> {
  const { config, logger } = options;
  const production = config.environment === 'production';
  // Only the gateway may call _entities / _service, and in production (or
  // when required) only the gateway may call /graphql at all, and only it
  // or a holder of MEMGATE_INGEST_TOKENS the REST routes
  // (docs/adr/0007-internal-identity.md). Checked before anything connects.
  const access = ingestionAccessOf(config);
  const identityKey = access.identityKey;
  const model = parseGraphModel(await readFile(config.graphSchemaPath, 'utf8'));
  const labels = bookkeepingLabelsOf(config);
  assertBookkeepingLabelsFree(model, labels);
  // Checked here too, so a bad mapping stops the subgraph at start-up; the workers run the hooks.
  const mappings = await loadMappings({ dir: config.mappingsDir, model, loadHooks: false });
  const cleanup = new CleanupStack();
  const metrics = options.metrics ?? createServiceMetrics({ service: 'ingestion' });
  const tracing =
    options.tracing ?? createTracing({ service: 'ingestion', config, registerGlobal: false });

  async function start(): Promise<Listening> {
    try {
      const client = await connectGraph(
        { ...options.engine, caFile: config.caFile ?? options.engine.caFile },
        model,
        labels,
        {
          timeoutMs: config.writeTimeoutMs,
          userAgent: 'memgate-ingestion',
          logger,
          instrumentation: {
            tracer: tracing.tracer,
            metrics: metrics.cypher,
            cypherText: config.cypherText,
          },
        },
      );
      cleanup.push(() => client.close());
      const kafka = createKafkaClient({
        brokers: options.kafkaBrokers,
        security: kafkaClientSecurity(config),
        clientId: 'memgate-ingestion',
        logger,
      });
      const topics = ingestionTopics(config.topicPrefix);
      await ensureTopics(
        kafka,
        pipelineTopics(topics, mappings.sources()),
        topicLayoutOf(config),
        logger,
      );
      const producer = new DurableProducer(kafka, logger, {
        metrics: metrics.kafka,
        tracer: tracing.tracer,
      });
      cleanup.push(() => producer.disconnect());
      await producer.connect();
      const broker = brokerReadiness(kafka);
      cleanup.push(() => broker.close());

      const receipts = new ReceiptStore(client, model, {
        label: labels.receipt,
        timeoutMs: config.writeTimeoutMs,
      });
      const partitions = new PartitionCounts(kafka);
      const acceptor = new OperationAcceptor({
        maxRecordsPerRequest: config.maxRecordsPerRequest,
        queue: new OperationProducer(producer, partitions, topics.graphOps),
        receipts,
        logger,
      });
      const rawQueue = new RawRecordProducer(producer, topics);
      const rawAcceptor = new RawAcceptor({
        sources: mappings,
        maxRecordsPerRequest: config.maxRecordsPerRequest,
        maxRecordBytes: config.maxRecordBytes,
        idempotencyWindowMs: config.idempotencyWindowSeconds * 1000,
        queue: rawQueue,
        receipts,
        logger,
      });
      const uploads = new UploadAcceptor({
        maxBodyBytes: config.maxBodyBytes,
        maxRecordBytes: config.maxRecordBytes,
        idempotencyWindowMs: config.idempotencyWindowSeconds * 1000,
        queue: rawQueue,
        deadLetters: new DeadLetterProducer(producer, topics.deadLetters),
        receipts,
        changes: new ChangeProducer(producer, partitions, topics.changes),
        rawTopic: (source) => topics.raw(source),
        logger,
      });
      const { schema } = createIngestionSchema(model, { acceptor, rawAcceptor, receipts });
      const apollo = new ApolloServer({
        schema,
        formatError: createFormatError({ maskInternalErrors: production }),
        introspection: true,
        logger,
        plugins: [
          apolloMetricsPlugin(metrics.graphql),
          ...(identityKey
            ? [useGatewayOnlyFederationFields({ key: identityKey, audience: INGESTION_AUDIENCE })]
            : []),
        ],
        // Shutdown is ours (stop()), not Apollo's signal handlers.
        stopOnTerminationSignals: false,
      });
      await apollo.start();
      cleanup.push(() => apollo.stop());

      const { app, routes } = createIngestionHttpApp({
        apollo,
        receipts,
        uploads: { sources: mappings, acceptor: uploads },
        readiness: [engineReadiness(client), broker],
        metrics,
        tracer: tracing.tracer,
        graphqlAdmit: admitInternalIdentity({
          key: identityKey,
          audience: INGESTION_AUDIENCE,
          required: access.required,
        }),
        restAccess: requireRestCaller(access),
        logger,
      });
      const listening = await listen(app, config.port, undefined, routes);
      cleanup.push(() => listening.close());
      logger.info(
        { url: `${listening.url}/graphql`, topic: topics.graphOps, sources: mappings.sources() },
        'ingestion subgraph listening',
      );
      return listening;
    } catch (error) {
      await cleanup.run().catch(() => undefined);
      throw error;
    }
  }

  return {
    model,
    sdl: generateIngestionSubgraphSdl(model),
    start,
    async stop() {
      try {
        await cleanup.run();
      } finally {
        // Last, so the spans of the shutdown itself are still sent.
        if (!options.tracing) await tracing.shutdown();
      }
    },
  };
}
