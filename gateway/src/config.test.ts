import { loadConfig } from '@memgate/platform/config';
import { describe, expect, it } from 'vitest';
import {
  gatewayConfigSpec,
  introspectionEnabled,
  SUBGRAPH_NAMES,
  subgraphUrlsFrom,
} from './config.js';

describe('gatewayConfigSpec', () => {
  it('has a documented default for everything but optional settings', () => {
    const config = loadConfig(gatewayConfigSpec, {});
    expect(config).toEqual({
      port: 4000,
      environment: 'development',
      supergraphPath: expect.stringMatching(/\/schema\/supergraph\.graphql$/) as string,
      introspection: 'auto',
      subgraphs: [],
      subgraphsPollMs: 10_000,
      querySubgraphUrl: undefined,
      ingestionSubgraphUrl: undefined,
      subgraphTimeoutMs: 10_000,
      maxBodyBytes: 1_048_576,
      graphSchemaPath: expect.stringMatching(/\/schema\/graph\.graphql$/) as string,
      corsOrigins: [],
      apolloTelemetry: false,
      apq: true,
      trustedDocuments: undefined,
      readyRequiresBroker: true,
      tlsCertFile: undefined,
      tlsKeyFile: undefined,
      tlsCaFile: undefined,
      auth: 'auto',
      authJwksUrl: undefined,
      authPublicKeys: undefined,
      authPublicKeysFile: undefined,
      authIssuer: undefined,
      authAudience: undefined,
      authAlgorithms: ['RS256'],
      authClockSkewSeconds: 30,
      authJwksCacheSeconds: 600,
      authJwksCooldownSeconds: 30,
      authAnonymous: 'none',
      authRolesClaim: 'roles',
      authWriterRoles: ['WRITER', 'ADMIN'],
      authReadSubgraphs: ['query'],
      authWriteSubgraphs: ['ingestion'],
      internalIdentitySecret: undefined,
      internalIdentityPrivateKeyFile: undefined,
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 5000,
      maxCost: 50_000,
      defaultListSize: 100,
      costSlicingArguments: ['first', 'last', 'limit'],
      maxBatchSize: 10,
      rateLimitPerSecond: 50,
      rateLimitBurst: 100,
      trustProxyHops: 0,
      brokers: [],
      topicPrefix: 'memgate.',
      subscriptionGroupPrefix: 'memgate-gateway',
      subscriptionBurstMs: 10,
      wsInitTimeoutMs: 3000,
      wsKeepAliveMs: 12_000,
      wsMaxBufferedBytes: 1_048_576,
      wsMaxPendingEvents: 1000,
      wsMaxSubscriptions: 100,
      kafkaSsl: false,
      kafkaCaFile: undefined,
      kafkaSaslMechanism: 'none',
      kafkaSaslUsername: undefined,
      kafkaSaslPassword: undefined,
      exporter: 'none',
      otlpEndpoint: undefined,
      cypherText: false,
      logLevel: 'info',
    });
  });

  it('resolves the default supergraph path from the repository root', () => {
    const { supergraphPath } = loadConfig(gatewayConfigSpec, {});
    const repoRoot = new URL('../../', import.meta.url).pathname;
    expect(supergraphPath).toBe(`${repoRoot}schema/supergraph.graphql`);
  });

  it('reads the variables of the federation core', () => {
    const config = loadConfig(gatewayConfigSpec, {
      MEMGATE_GATEWAY_PORT: '0',
      MEMGATE_ENV: 'production',
      MEMGATE_SUPERGRAPH_PATH: '/etc/memgate/supergraph.graphql',
      MEMGATE_INTROSPECTION: 'true',
      MEMGATE_SUBGRAPH_URL_QUERY: 'http://query:4001/graphql',
      MEMGATE_SUBGRAPH_URL_INGESTION: 'https://ingestion.internal/graphql',
      MEMGATE_SUBGRAPH_TIMEOUT_MS: '2500',
      MEMGATE_MAX_BODY_BYTES: '2048',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 0,
      environment: 'production',
      supergraphPath: '/etc/memgate/supergraph.graphql',
      introspection: 'true',
      querySubgraphUrl: 'http://query:4001/graphql',
      ingestionSubgraphUrl: 'https://ingestion.internal/graphql',
      subgraphTimeoutMs: 2500,
      maxBodyBytes: 2048,
      logLevel: 'debug',
    });
  });

  it('reads security, limits and subscription settings', () => {
    const config = loadConfig(gatewayConfigSpec, {
      MEMGATE_AUTH: 'on',
      MEMGATE_AUTH_ALGORITHMS: 'RS256, ES256',
      MEMGATE_AUTH_ANONYMOUS: 'queries',
      MEMGATE_AUTH_WRITER_ROLES: 'ingest',
      MEMGATE_CORS_ORIGINS: 'https://app.example, https://admin.example',
      MEMGATE_LIMIT_BATCH_SIZE: '0',
      MEMGATE_RATE_LIMIT_PER_SECOND: '0',
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
      MEMGATE_KAFKA_TOPIC_PREFIX: 'prod.',
    });
    expect(config).toMatchObject({
      auth: 'on',
      authAlgorithms: ['RS256', 'ES256'],
      authAnonymous: 'queries',
      authWriterRoles: ['ingest'],
      corsOrigins: ['https://app.example', 'https://admin.example'],
      maxBatchSize: 0,
      rateLimitPerSecond: 0,
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      topicPrefix: 'prod.',
    });
  });

  it('reads TLS, Kafka security and tracing settings', () => {
    const config = loadConfig(gatewayConfigSpec, {
      MEMGATE_TLS_CERT_FILE: '/tls/tls.crt',
      MEMGATE_TLS_KEY_FILE: '/tls/tls.key',
      MEMGATE_TLS_CA_FILE: '/tls/ca.crt',
      MEMGATE_READY_REQUIRES_BROKER: 'false',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    });
    expect(config).toMatchObject({
      tlsCertFile: '/tls/tls.crt',
      tlsKeyFile: '/tls/tls.key',
      tlsCaFile: '/tls/ca.crt',
      readyRequiresBroker: false,
      kafkaSsl: true,
      kafkaSaslMechanism: 'scram-sha-512',
      otlpEndpoint: 'http://otel-collector:4318',
    });
  });

  it('rejects bad values, naming each variable', () => {
    expect(() =>
      loadConfig(gatewayConfigSpec, {
        MEMGATE_ENV: 'staging',
        MEMGATE_INTROSPECTION: 'maybe',
        MEMGATE_SUBGRAPH_URL_QUERY: 'bolt://query:7687',
        MEMGATE_SUBGRAPH_TIMEOUT_MS: '0',
        MEMGATE_MAX_BODY_BYTES: 'lots',
      }),
    ).toThrow(
      expect.objectContaining({
        details: {
          problems: [
            'MEMGATE_ENV="staging": must be one of development, production',
            'MEMGATE_INTROSPECTION="maybe": must be one of auto, true, false',
            'MEMGATE_SUBGRAPH_URL_QUERY="bolt://query:7687": must use one of the schemes http, https',
            'MEMGATE_SUBGRAPH_TIMEOUT_MS="0": must be at least 1',
            'MEMGATE_MAX_BODY_BYTES="lots": must be a whole number',
          ],
        },
      }),
    );
  });

  it('describes every variable, for the README table', () => {
    for (const variable of Object.values(gatewayConfigSpec)) {
      expect(variable.description.length, variable.name).toBeGreaterThan(20);
    }
  });
});

describe('subgraphUrlsFrom', () => {
  it('maps each set override to its subgraph name and leaves the rest out', () => {
    const config = loadConfig(gatewayConfigSpec, {
      MEMGATE_SUBGRAPH_URL_INGESTION: 'http://ingestion:4002/graphql',
    });
    expect(subgraphUrlsFrom(config)).toEqual({ ingestion: 'http://ingestion:4002/graphql' });
  });

  it('has a variable for every subgraph name', () => {
    const names = Object.values(gatewayConfigSpec).map((variable) => variable.name);
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(names).toContain(`MEMGATE_SUBGRAPH_URL_${subgraph.toUpperCase()}`);
    }
  });
});

describe('introspectionEnabled', () => {
  it.each([
    ['auto', 'development', true],
    ['auto', 'production', false],
    ['true', 'production', true],
    ['false', 'development', false],
  ] as const)('%s in %s → %s', (introspection, environment, expected) => {
    expect(introspectionEnabled({ introspection, environment })).toBe(expected);
  });
});
