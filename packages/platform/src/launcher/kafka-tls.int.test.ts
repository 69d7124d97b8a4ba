import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { kafkaClientConfig } from '../kafka/index.js';
import { kafkaRoundTrip, startKafkaBroker, type LocalKafkaBroker } from './kafka-broker.js';
import { servicesConfig } from './launcher-config.js';
import { resolveCacheDir } from './maven-artifacts.js';
import { createTlsMaterial, type TlsMaterial } from './tls-material.js';

/**
 * A broker of its own (not the shared one of the integration run) with a
 * SASL_SSL listener: TLS with a certificate from a CA made for this test,
 * and SCRAM-SHA-512 users written into the KRaft metadata at format time.
 */
let broker: LocalKafkaBroker | undefined;
let tls: TlsMaterial;
let dir: string;
const password = randomBytes(9).toString('hex');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-kafka-tls-'));
  tls = await createTlsMaterial(dir);
  const config = loadConfig(servicesConfig);
  broker = await startKafkaBroker({
    cacheDir: resolveCacheDir(config.cacheDir),
    port: 0,
    heapMb: 384,
    startTimeoutMs: config.serviceStartTimeoutMs,
    security: {
      tls,
      scram: { mechanism: 'SCRAM-SHA-512', users: [{ name: 'memgate', password }] },
    },
  });
});

afterAll(async () => {
  await broker?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Connects an admin client with `config` and lists topics; rejects with kafkajs' error. */
async function listTopics(config: Omit<KafkaConfig, 'brokers'>): Promise<string[]> {
  const admin = new Kafka({
    brokers: broker!.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    authenticationTimeout: 2_000,
    retry: { retries: 0 },
    ...config,
  }).admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

describe('the local broker with TLS and SASL/SCRAM', () => {
  it('round-trips a message for a client configured from the environment alone', async () => {
    const security = kafkaClientConfig({
      KAFKA_SSL: 'true',
      KAFKA_CA_FILE: tls.caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'memgate',
      KAFKA_SASL_PASSWORD: password,
    });
    expect(await kafkaRoundTrip(broker!.brokers, security)).toBe(true);
  });

  it('refuses a plaintext client', async () => {
    await expect(listTopics({})).rejects.toThrow();
  });

  it('refuses a client that does not trust the broker certificate', async () => {
    const sasl = { mechanism: 'scram-sha-512' as const, username: 'memgate', password };
    await expect(listTopics({ ssl: { rejectUnauthorized: true }, sasl })).rejects.toThrow(
      /certificate|self.signed|unable to (get|verify)/i,
    );
  });

  it('refuses SCRAM with a wrong password', async () => {
    const security = kafkaClientConfig({
      KAFKA_CA_FILE: tls.caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'memgate',
      KAFKA_SASL_PASSWORD: `${password}-wrong`,
    });
    await expect(listTopics(security)).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
  });
});
