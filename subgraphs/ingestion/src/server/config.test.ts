import { loadConfig } from '@memgate/platform/config';
import { kafkaClientSecurity } from '@memgate/platform/kafka';
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
      environment: 'development',
      workerPort: 4003,
      ingestTokens: [],
      internalIdentityRequired: false,
      internalIdentitySecret: undefined,
      caFile: undefined,
      exporter: 'none',
      cypherText: false,
    });
    for (const variable of Object.values(ingestionConfig))
      expect(variable.description.length).toBeGreaterThan(10);
  });

  it('reads Kafka TLS and SCRAM beside the engine CA, each its own setting', () => {
    const config = loadConfig(ingestionConfig, {
      MEMGRAPH_CA_FILE: '/etc/memgate/memgraph-ca/ca.crt',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'memgate',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(config.caFile).toBe('/etc/memgate/memgraph-ca/ca.crt');
    expect(kafkaClientSecurity(config)).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'memgate', password: 'secret' },
    });
  });

  it('reports every bad value by name', () => {
    expect(() =>
      loadConfig(ingestionConfig, {
        MEMGATE_KAFKA_TOPIC_PREFIX: 'bad prefix/',
        MEMGATE_KAFKA_PARTITIONS: '0',
        MEMGATE_WORKER_BATCH_MAX: 'many',
        MEMGATE_RECEIPT_LABEL: '1Receipt',
        MEMGATE_WORKER_PORT: '70000',
        MEMGATE_INGEST_TOKENS: `${'t'.repeat(32)},too-short`,
        MEMGATE_ENV: 'staging',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        details: {
          problems: [
            'MEMGATE_ENV="staging": must be one of development, production',
            'MEMGATE_WORKER_PORT="70000": must be at most 65535',
            // A secret is never echoed, not even a wrong one.
            'MEMGATE_INGEST_TOKENS=(secret): each token must be at least 32 characters',
            'MEMGATE_KAFKA_TOPIC_PREFIX="bad prefix/": must be letters, digits, ".", "_" or "-"',
            'MEMGATE_KAFKA_PARTITIONS="0": must be at least 1',
            'MEMGATE_WORKER_BATCH_MAX="many": must be a whole number',
            'MEMGATE_RECEIPT_LABEL="1Receipt": must be a label: letters, digits and _, not starting with a digit',
          ],
        },
      }),
    );
  });

  it('reads the ingest tokens as a list', () => {
    const tokens = ['a'.repeat(32), 'b'.repeat(40)];
    expect(
      loadConfig(ingestionConfig, { MEMGATE_INGEST_TOKENS: ` ${tokens.join(' , ')} ` })
        .ingestTokens,
    ).toEqual(tokens);
  });
});
