import { loadConfig } from '@memgate/platform/config';
import { schemaPaths } from '@memgate/schema';
import { describe, expect, it } from 'vitest';
import { ingestionConfig } from './config.js';

describe('ingestionConfig', () => {
  it('has documented defaults for everything', () => {
    expect(loadConfig(ingestionConfig, {})).toMatchObject({
      port: 4002,
      graphSchemaPath: schemaPaths.graph,
      topicPrefix: 'memgate.',
      partitions: 6,
      replicationFactor: 1,
      workerGroupId: 'memgate-writers',
      workerBatchMax: 5000,
      maxRecordsPerRequest: 10_000,
      receiptLabel: 'MemgateReceipt',
      offsetLabel: 'MemgateOffset',
      brokers: [],
      mappingsDir: expect.stringMatching(/subgraphs\/ingestion\/mappings\/$/),
      maxRecordBytes: 262_144,
      idempotencyWindowSeconds: 86_400,
      workerMaxAttempts: 3,
      workerBackoffInitialMs: 200,
      workerBackoffMaxMs: 10_000,
      workerEngineRetryMs: 5_000,
      breakerFailures: 3,
      breakerProbeInitialMs: 500,
      breakerProbeMaxMs: 30_000,
    });
    for (const variable of Object.values(ingestionConfig))
      expect(variable.description.length).toBeGreaterThan(10);
  });

  it('reports every bad value by name', () => {
    expect(() =>
      loadConfig(ingestionConfig, {
        MEMGATE_KAFKA_TOPIC_PREFIX: 'bad prefix/',
        MEMGATE_KAFKA_PARTITIONS: '0',
        MEMGATE_WORKER_BATCH_MAX: 'many',
        MEMGATE_RECEIPT_LABEL: '1Receipt',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        details: {
          problems: [
            'MEMGATE_KAFKA_TOPIC_PREFIX="bad prefix/": must be letters, digits, ".", "_" or "-"',
            'MEMGATE_KAFKA_PARTITIONS="0": must be at least 1',
            'MEMGATE_WORKER_BATCH_MAX="many": must be a whole number',
            'MEMGATE_RECEIPT_LABEL="1Receipt": must be a label: letters, digits and _, not starting with a digit',
          ],
        },
      }),
    );
  });
});
