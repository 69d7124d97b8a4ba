import { readFile } from 'node:fs/promises';
import type { EngineConnection } from '@memgate/cypher';
import { parseGraphModel } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import { brokerReadiness, engineReadiness } from '@memgate/platform/health';
import { createServiceApp, listen, type Listening } from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import { createServiceMetrics, type ServiceMetrics } from '@memgate/platform/metrics';
import { createTracing, type Tracing } from '@memgate/platform/tracing';
import type { Kafka } from 'kafkajs';
import { ChangeProducer } from '../kafka/change-producer.js';
import { DeadLetterProducer } from '../kafka/dead-letter-producer.js';
import { DurableProducer } from '../kafka/durable-producer.js';
import { PartitionCounts } from '../kafka/partition-counts.js';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { kafkaClientSecurity } from '@memgate/platform/kafka';
import { ensureTopics, ingestionTopics, missingTopics, pipelineTopics } from '../kafka/topics.js';
import { loadMappings } from '../mapping/load-mappings.js';
import type { MappingRegistry } from '../mapping/mapping-registry.js';
import { assertBookkeepingLabelsFree } from '../model/bookkeeping-labels.js';
import { AppliedOffsets } from '../worker/applied-offsets.js';
import { BatchProcessor } from '../worker/batch-processor.js';
import { ChangePublisher } from '../worker/change-publisher.js';
import { CircuitBreaker, type CircuitSnapshot } from '../worker/circuit-breaker.js';
import { circuitReadiness } from '../worker/circuit-readiness.js';
import { consumerGroups } from '../worker/consumer-groups.js';
import { graphOpsDecoder } from '../worker/message-decoders.js';
import { PipelineConsumer } from '../worker/pipeline-consumer.js';
import { ResilientWriter } from '../worker/resilient-writer.js';
import { BatchWriter } from '../write/batch-writer.js';
import { readAppliedOffset } from '../write/offset-store.js';
import { CleanupStack } from './cleanup-stack.js';
import {
  backoffPolicyOf,
  bookkeepingLabelsOf,
  topicLayoutOf,
  type IngestionConfig,
} from './config.js';
import { connectGraph } from './connect-graph.js';
import { circuitMetricState, ENGINE_BREAKER, startLagPollers } from './worker-monitoring.js';

export interface IngestionWorkerOptions {
  readonly config: IngestionConfig;
  readonly logger: Logger;
  readonly engine: EngineConnection;
  readonly kafkaBrokers: readonly string[];
  /** Metrics and tracing of this worker; made from the config when not given. */
  readonly metrics?: ServiceMetrics;
  readonly tracing?: Tracing;
}

export interface IngestionWorker {
  /**
   * Connects, creates what is missing, serves /healthz, /readyz and /metrics
   * on MEMGATE_WORKER_PORT, then joins the writers' group(s) and starts
   * consuming. Resolves with where the HTTP server listens.
   */
  start(): Promise<Listening>;
  /** Drains: finishes the transaction in flight, commits its offsets, leaves the groups. */
  stop(): Promise<void>;
  /** The circuit breaker around the engine, for health checks and metrics. */
  readonly engineCircuit: CircuitSnapshot;
}

const CLOSED_CIRCUIT: CircuitSnapshot = {
  state: 'closed',
  consecutiveFailures: 0,
  opened: 0,
  probes: 0,
};

/**
 * A writer: consumes graph operations, the raw records of every source and
 * the external topics mappings name (mapping records here), applies them to
 * the graph in batches, exactly once in effect, and publishes what each
 * batch changed. Run as many as the topics have partitions.
 */
export async function createIngestionWorker(
  options: IngestionWorkerOptions,
): Promise<IngestionWorker> {
  const { config, logger } = options;
  const model = parseGraphModel(await readFile(config.graphSchemaPath, 'utf8'));
  const labels = bookkeepingLabelsOf(config);
  assertBookkeepingLabelsFree(model, labels);
  const mappings = await loadMappings({ dir: config.mappingsDir, model, loadHooks: true });
  const cleanup = new CleanupStack();
  const metrics = options.metrics ?? createServiceMetrics({ service: 'worker' });
  const tracing =
    options.tracing ?? createTracing({ service: 'worker', config, registerGlobal: false });
  const { tracer } = tracing;
  let breaker: CircuitBreaker | undefined;

  async function start(): Promise<Listening> {
    try {
      const client = await connectGraph(
        { ...options.engine, caFile: config.caFile ?? options.engine.caFile },
        model,
        labels,
        {
          timeoutMs: config.writeTimeoutMs,
          userAgent: 'memgate-ingestion-worker',
          logger,
          maxRetryTimeMs: config.workerEngineRetryMs,
          instrumentation: { tracer, metrics: metrics.cypher, cypherText: config.cypherText },
        },
      );
      cleanup.push(() => client.close());
      const kafka = createKafkaClient({
        brokers: options.kafkaBrokers,
        security: kafkaClientSecurity(config),
        clientId: 'memgate-ingestion-worker',
        logger,
      });
      const topics = ingestionTopics(config.topicPrefix);
      await ensureTopics(
        kafka,
        pipelineTopics(topics, mappings.sources()),
        topicLayoutOf(config),
        logger,
      );
      await requireSourceTopics(kafka, mappings);
      const producer = new DurableProducer(kafka, logger, { metrics: metrics.kafka, tracer });
      cleanup.push(() => producer.disconnect());
      await producer.connect();

      // The consumers hand batches to processors, which need the circuit, which pauses the consumers.
      const consumers: PipelineConsumer[] = [];
      metrics.kafka.setCircuitState(ENGINE_BREAKER, 'closed');
      const circuit = new CircuitBreaker({
        failureThreshold: config.breakerFailures,
        probeInitialMs: config.breakerProbeInitialMs,
        probeMaxMs: config.breakerProbeMaxMs,
        // One auto-commit round trip: the driver does not retry it, so a probe is one attempt.
        probe: () => client.runAutoCommit('RETURN 1'),
        onOpen: () => consumers.forEach((consumer) => consumer.pause()),
        onRecover: () => consumers.forEach((consumer) => consumer.resume()),
        onStateChange: (state) =>
          metrics.kafka.setCircuitState(ENGINE_BREAKER, circuitMetricState(state)),
        logger,
      });
      breaker = circuit;
      cleanup.push(() => Promise.resolve(circuit.stop()));
      const writer = new ResilientWriter({
        writer: new BatchWriter(
          client,
          model,
          labels,
          new DeadLetterProducer(producer, topics.deadLetters),
          { timeoutMs: config.writeTimeoutMs, metrics: metrics.kafka },
        ),
        breaker: circuit,
        maxAttempts: config.workerMaxAttempts,
        backoff: backoffPolicyOf(config),
        logger,
        metrics: metrics.kafka,
      });
      const publisher = new ChangePublisher({
        sink: new ChangeProducer(producer, new PartitionCounts(kafka), topics.changes),
        backoff: backoffPolicyOf(config),
        logger,
        onRetry: () => metrics.kafka.recordRetry(topics.changes, 'broker'),
      });

      for (const { groupId, decoders } of consumerGroups(config.workerGroupId, topics, mappings)) {
        const applied = new AppliedOffsets((readTopic, partition) =>
          readAppliedOffset(client, labels.offset, { group: groupId, topic: readTopic, partition }),
        );
        const processor = new BatchProcessor({
          groupId,
          batchMax: config.workerBatchMax,
          decoderFor: (topic) => decoders.get(topic) ?? graphOpsDecoder(topic),
          writer,
          breaker: circuit,
          applied,
          publisher,
          logger,
          metrics: metrics.kafka,
          tracer,
        });
        consumers.push(
          new PipelineConsumer(kafka, {
            groupId,
            topics: [...decoders.keys()],
            processor,
            applied,
            concurrency: config.workerConcurrency,
            sessionTimeoutMs: config.workerSessionTimeoutMs,
            logger,
          }),
        );
      }

      const broker = brokerReadiness(kafka);
      cleanup.push(() => broker.close());
      const { app, finish } = createServiceApp({
        logger,
        readiness: [
          engineReadiness(client),
          broker,
          ...consumers.map((consumer) => consumer.readiness),
          circuitReadiness(() => circuit.snapshot()),
        ],
        metrics,
        tracer,
      });
      finish();
      // Listening before the consumers join: an orchestrator sees a starting
      // worker as alive but not ready, rather than not there at all.
      const listening = await listen(app, config.workerPort);
      cleanup.push(() => listening.close());

      for (const consumer of consumers) {
        await consumer.start();
        cleanup.push(() => consumer.stop());
      }
      const pollers = await startLagPollers(kafka, consumers, metrics.kafka, logger);
      cleanup.push(() => pollers.stop());
      logger.info(
        { url: listening.url, groups: consumers.map((consumer) => consumer.description) },
        'ingestion worker consuming',
      );
      return listening;
    } catch (error) {
      await cleanup.run().catch(() => undefined);
      throw error;
    }
  }

  return {
    start,
    async stop() {
      try {
        await cleanup.run();
      } finally {
        // Last, so the spans of the drain itself are still sent.
        if (!options.tracing) await tracing.shutdown();
      }
    },
    get engineCircuit() {
      return breaker?.snapshot() ?? CLOSED_CIRCUIT;
    },
  };
}

/** A mapping's `topic:` must exist: it is someone else's topic, never created here. */
async function requireSourceTopics(kafka: Kafka, mappings: MappingRegistry): Promise<void> {
  const external = mappings.topicSources();
  const missing = await missingTopics(
    kafka,
    external.flatMap((mapping) => (mapping.topic === undefined ? [] : [mapping.topic])),
  );
  if (missing.length === 0) return;
  const named = external
    .filter((mapping) => mapping.topic !== undefined && missing.includes(mapping.topic))
    .map((mapping) => `${mapping.file}: topic ${mapping.topic ?? ''} (source ${mapping.source})`);
  throw new MemgateError(
    'INVALID_CONFIG',
    `Mappings name Kafka topics that do not exist: ${named.join('; ')}. Create them, or fix the mapping.`,
    { details: { missingTopics: missing } },
  );
}
