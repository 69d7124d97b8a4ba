import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaClientConfig } from './kafka-client-config.js';

describe('kafkaClientConfig', () => {
  it('is plaintext without authentication when nothing is set', () => {
    expect(kafkaClientConfig({})).toEqual({});
  });

  it('turns on TLS with the system trust store, or with a CA file', async () => {
    expect(kafkaClientConfig({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-ca-'));
    const caFile = path.join(dir, 'ca.pem');
    await writeFile(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(kafkaClientConfig({ KAFKA_CA_FILE: caFile })).toEqual({
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')], rejectUnauthorized: true },
    });
  });

  it('passes SCRAM credentials in the form kafkajs expects', () => {
    expect(
      kafkaClientConfig({
        KAFKA_SSL: '1',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'memgate',
        KAFKA_SASL_PASSWORD: 'p4ss',
      }),
    ).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'memgate', password: 'p4ss' },
    });
  });

  it('names what is missing or wrong, never echoing the password', () => {
    expect(() => kafkaClientConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toThrow(
      'KAFKA_SASL_MECHANISM=scram-sha-256 needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.',
    );
    expect(() => kafkaClientConfig({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      'KAFKA_SASL_MECHANISM="plain": must be one of none, scram-sha-256, scram-sha-512',
    );
    expect(() => kafkaClientConfig({ KAFKA_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      'KAFKA_CA_FILE=/nonexistent/ca.pem: cannot be read.',
    );
  });
});
