import type { EngineConnection } from '@memgate/cypher';
import { expect } from 'vitest';
import { CleanupStack } from '../src/server/cleanup-stack.js';
import { createIngestionSubgraph } from '../src/server/create-ingestion-subgraph.js';
import {
  createIngestionWorker,
  type IngestionWorker,
} from '../src/server/create-ingestion-worker.js';
import { ingestionTopics, type IngestionTopics } from '../src/kafka/topics.js';
import {
  eventually,
  isolatedPipeline,
  postGraphQL,
  type IsolatedPipeline,
} from './ingestion-harness.js';
import { silentLogger } from './silent-logger.js';

/** A receipt as the tests read it back through GraphQL. */
export interface ReceiptView {
  readonly id: string;
  readonly source: string;
  readonly status: string;
  readonly accepted: number;
  readonly written: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly errors: {
    topic: string;
    partition: number;
    offset: string;
    index: number | null;
    record: number | null;
    reason: string;
  }[];
}

const RECEIPT = /* GraphQL */ `
  query ($id: ID!) {
    ingestionReceipt(id: $id) {
      id
      source
      status
      accepted
      written
      rejected
      skipped
      errors {
        topic
        partition
        offset
        index
        record
        reason
      }
    }
  }
`;

/** The ingestion subgraph and one worker on an isolated pipeline, with helpers to drive them. */
export interface RunningPipeline extends IsolatedPipeline {
  readonly url: string;
  readonly topics: IngestionTopics;
  readonly worker: IngestionWorker;
  /** Where the worker serves /healthz, /readyz and /metrics. */
  readonly workerUrl: string;
  /** Runs a mutation that answers a receipt; fails the test on GraphQL errors. */
  accept(mutation: string, variables?: Record<string, unknown>): Promise<ReceiptView>;
  receipt(id: string): Promise<ReceiptView | null>;
  /** Waits until every accepted record of the receipt is written, rejected or skipped. */
  settled(id: string): Promise<ReceiptView>;
  stop(): Promise<void>;
}

export async function runningPipeline(
  environment: Record<string, string> = {},
  options: { workerEngine?: (engine: EngineConnection) => EngineConnection } = {},
): Promise<RunningPipeline> {
  const logger = silentLogger();
  const cleanup = new CleanupStack();
  const pipeline = await isolatedPipeline(environment);
  cleanup.push(() => pipeline.dispose());
  try {
    const subgraph = await createIngestionSubgraph({ ...pipeline, logger });
    cleanup.push(() => subgraph.stop());
    const url = (await subgraph.start()).url;
    const engine = options.workerEngine?.(pipeline.engine) ?? pipeline.engine;
    const worker = await createIngestionWorker({ ...pipeline, engine, logger });
    cleanup.push(() => worker.stop());
    const workerUrl = (await worker.start()).url;

    const receipt = async (id: string): Promise<ReceiptView | null> => {
      const result = await postGraphQL(url, RECEIPT, { id });
      expect(result.errors).toBeUndefined();
      return (result.data?.['ingestionReceipt'] ?? null) as ReceiptView | null;
    };
    return {
      ...pipeline,
      url,
      topics: ingestionTopics(pipeline.config.topicPrefix),
      worker,
      workerUrl,
      async accept(mutation, variables = {}) {
        const result = await postGraphQL(url, mutation, variables);
        expect(result.errors).toBeUndefined();
        return Object.values(result.data ?? {})[0] as ReceiptView;
      },
      receipt,
      settled: (id) =>
        eventually(async () => {
          const found = await receipt(id);
          return found && found.status !== 'ACCEPTED' ? found : undefined;
        }, `receipt ${id} settled`),
      stop: () => cleanup.run(),
    };
  } catch (error) {
    await cleanup.run().catch(() => undefined);
    throw error;
  }
}
