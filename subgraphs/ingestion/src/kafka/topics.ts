import type { Logger } from '@memgate/platform/logging';
import type { Kafka } from 'kafkajs';
import { toBrokerError } from './broker-errors.js';

/** The topics of the ingestion pipeline, all under one configurable prefix. */
export interface IngestionTopics {
  /**
   * Graph operations in frames per partition, each keyed by its first
   * operation's entity (`<Type>:<key>`), consumed by the writer workers (ADR 0012).
   */
  readonly graphOps: string;
  /** Records that could not be written, with the reason and the original payload. */
  readonly deadLetters: string;
  /**
   * What committed batches changed (nodes, relationships, receipts), in
   * frames per partition of `<Typename>:<key>`, each keyed by its first
   * event's key (ADR 0013); the gateway's subscriptions read it.
   */
  readonly changes: string;
  /** Raw records of one source in frames, as `ingest` accepted them; the workers map them. */
  raw(source: string): string;
}

export function ingestionTopics(prefix: string): IngestionTopics {
  return {
    graphOps: `${prefix}graph-ops`,
    deadLetters: `${prefix}dead-letters`,
    changes: `${prefix}changes`,
    raw: (source) => `${prefix}raw.${source}`,
  };
}

/** Every topic the pipeline needs for these raw sources. */
export function pipelineTopics(topics: IngestionTopics, sources: Iterable<string>): string[] {
  return [
    topics.graphOps,
    topics.deadLetters,
    topics.changes,
    ...[...sources].map((source) => topics.raw(source)),
  ];
}

export interface TopicLayout {
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates the topics that are missing, so neither the service nor a worker
 * depends on broker-side auto-creation (off in production clusters, and
 * never with our partition count). Existing topics are left as they are.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  layout: TopicLayout,
  logger: Logger,
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: layout.partitions,
        replicationFactor: layout.replicationFactor,
      })),
    });
    logger.info({ topics: missing, ...layout }, 'created Kafka topics');
  } catch (error) {
    throw toBrokerError(error, 'create the ingestion topics');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Which of `topics` the broker does not have: external topics are never created, only read. */
export async function missingTopics(kafka: Kafka, topics: readonly string[]): Promise<string[]> {
  if (topics.length === 0) return [];
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    return topics.filter((topic) => !existing.has(topic));
  } catch (error) {
    throw toBrokerError(error, 'list the topics');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
