import { readFile } from 'node:fs/promises';
import type { EngineConnection } from '@memgate/cypher';
import { parseGraphModel } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import { DeadLetterProducer } from '../kafka/dead-letter-producer.js';
import { DurableProducer } from '../kafka/durable-producer.js';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { ensureTopics, ingestionTopics, pipelineTopics } from '../kafka/topics.js';
import { loadMappings } from '../mapping/load-mappings.js';
import { assertBookkeepingLabelsFree } from '../model/bookkeeping-labels.js';
import { AppliedOffsets } from '../worker/applied-offsets.js';
import { BatchProcessor } from '../worker/batch-processor.js';
import { CircuitBreaker, type CircuitSnapshot } from '../worker/circuit-breaker.js';
import { graphOpsDecoder, rawDecoder, type MessageDecoder } from '../worker/message-decoders.js';
import { PipelineConsumer } from '../worker/pipeline-consumer.js';
import { ResilientWriter } from '../worker/resilient-writer.js';
import { BatchWriter } from '../write/batch-writer.js';
import { readAppliedOffset } from '../write/offset-store.js';
import { transactionalGraph } from '../write/write-transaction.js';
import { CleanupStack } from './cleanup-stack.js';
import {
  backoffPolicyOf,
  bookkeepingLabelsOf,
  topicLayoutOf,
  type IngestionConfig,
} from './config.js';
import { connectGraph } from './connect-graph.js';

export interface IngestionWorkerOptions {
  readonly config: IngestionConfig;
  readonly logger: Logger;
  readonly engine: EngineConnection;
  readonly kafkaBrokers: readonly string[];
}

export interface IngestionWorker {
  /** Connects, creates what is missing, joins the writers' group and starts consuming. */
  start(): Promise<void>;
  /** Drains: finishes the transaction in flight, commits its offsets, leaves the group. */
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
 * A writer: consumes graph operations and the raw records of every source
 * (mapping them here), and applies them to the graph in batches, exactly
 * once in effect. Run as many as the topics have partitions.
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
  let breaker: CircuitBreaker | undefined;

  async function start(): Promise<void> {
    try {
      const client = await connectGraph(options.engine, model, labels, {
        timeoutMs: config.writeTimeoutMs,
        userAgent: 'memgate-ingestion-worker',
        logger,
        maxRetryTimeMs: config.workerEngineRetryMs,
      });
      cleanup.push(() => client.close());
      const kafka = createKafkaClient({
        brokers: options.kafkaBrokers,
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
      const producer = new DurableProducer(kafka, logger);
      cleanup.push(() => producer.disconnect());
      await producer.connect();

      const groupId = config.workerGroupId;
      const applied = new AppliedOffsets((readTopic, partition) =>
        readAppliedOffset(client, labels.offset, { group: groupId, topic: readTopic, partition }),
      );
      const decoders = new Map<string, MessageDecoder>([
        [topics.graphOps, graphOpsDecoder(topics.graphOps)],
      ]);
      for (const source of mappings.sources()) {
        decoders.set(topics.raw(source), rawDecoder(topics.raw(source), mappings.find(source)));
      }
      const consumed = [...decoders.keys()];
      // The consumer hands batches to the processor, which needs the circuit, which pauses the consumer.
      const consumer = new PipelineConsumer(kafka, {
        groupId,
        topics: consumed,
        processor: { process: (payload) => processor.process(payload) },
        applied,
        logger,
      });
      const circuit = new CircuitBreaker({
        failureThreshold: config.breakerFailures,
        probeInitialMs: config.breakerProbeInitialMs,
        probeMaxMs: config.breakerProbeMaxMs,
        // One auto-commit round trip: the driver does not retry it, so a probe is one attempt.
        probe: () => client.runAutoCommit('RETURN 1'),
        onOpen: () => consumer.pause(),
        onRecover: () => consumer.resume(),
        logger,
      });
      breaker = circuit;
      cleanup.push(() => Promise.resolve(circuit.stop()));
      const writer = new ResilientWriter({
        writer: new BatchWriter(
          transactionalGraph(client, { timeoutMs: config.writeTimeoutMs }),
          model,
          labels,
          new DeadLetterProducer(producer, topics.deadLetters),
          { timeoutMs: config.writeTimeoutMs },
        ),
        breaker: circuit,
        maxAttempts: config.workerMaxAttempts,
        backoff: backoffPolicyOf(config),
        logger,
      });
      const processor = new BatchProcessor({
        groupId,
        batchMax: config.workerBatchMax,
        decoderFor: (topic) => decoders.get(topic) ?? graphOpsDecoder(topic),
        writer,
        breaker: circuit,
        applied,
        logger,
      });
      await consumer.start();
      cleanup.push(() => consumer.stop());
      logger.info({ topics: consumed, groupId }, 'ingestion worker consuming');
    } catch (error) {
      await cleanup.run().catch(() => undefined);
      throw error;
    }
  }

  return {
    start,
    stop: () => cleanup.run(),
    get engineCircuit() {
      return breaker?.snapshot() ?? CLOSED_CIRCUIT;
    },
  };
}
