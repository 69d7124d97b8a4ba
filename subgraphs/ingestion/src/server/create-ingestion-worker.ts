import { readFile } from 'node:fs/promises';
import type { EngineConnection } from '@memgate/cypher';
import { parseGraphModel } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { ensureTopics, ingestionTopics } from '../kafka/topics.js';
import { assertBookkeepingLabelsFree } from '../model/bookkeeping-labels.js';
import { AppliedOffsets } from '../worker/applied-offsets.js';
import { BatchProcessor } from '../worker/batch-processor.js';
import { GraphOpsConsumer } from '../worker/graph-ops-consumer.js';
import { BatchWriter } from '../write/batch-writer.js';
import { readAppliedOffset } from '../write/offset-store.js';
import { CleanupStack } from './cleanup-stack.js';
import { bookkeepingLabelsOf, topicLayoutOf, type IngestionConfig } from './config.js';
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
}

/**
 * A writer: consumes graph operations and applies them to the graph in
 * batches, exactly once in effect. Run as many as the topic has partitions.
 */
export async function createIngestionWorker(
  options: IngestionWorkerOptions,
): Promise<IngestionWorker> {
  const { config, logger } = options;
  const model = parseGraphModel(await readFile(config.graphSchemaPath, 'utf8'));
  const labels = bookkeepingLabelsOf(config);
  assertBookkeepingLabelsFree(model, labels);
  const cleanup = new CleanupStack();

  async function start(): Promise<void> {
    try {
      const client = await connectGraph(options.engine, model, labels, {
        timeoutMs: config.writeTimeoutMs,
        userAgent: 'memgate-ingestion-worker',
        logger,
      });
      cleanup.push(() => client.close());
      const kafka = createKafkaClient({
        brokers: options.kafkaBrokers,
        clientId: 'memgate-ingestion-worker',
        logger,
      });
      const topic = ingestionTopics(config.topicPrefix).graphOps;
      await ensureTopics(kafka, [topic], topicLayoutOf(config), logger);

      const groupId = config.workerGroupId;
      const applied = new AppliedOffsets((readTopic, partition) =>
        readAppliedOffset(client, labels.offset, { group: groupId, topic: readTopic, partition }),
      );
      const writer = new BatchWriter(client, model, labels, { timeoutMs: config.writeTimeoutMs });
      const processor = new BatchProcessor({
        groupId,
        batchMax: config.workerBatchMax,
        writer,
        applied,
        logger,
      });
      const consumer = new GraphOpsConsumer(kafka, { groupId, topic, processor, applied, logger });
      await consumer.start();
      cleanup.push(() => consumer.stop());
      logger.info({ topic, groupId }, 'ingestion worker consuming');
    } catch (error) {
      await cleanup.run().catch(() => undefined);
      throw error;
    }
  }

  return { start, stop: () => cleanup.run() };
}
