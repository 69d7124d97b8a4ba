import { loadConfig } from '@memgate/platform/config';
import { describe, expect, it } from 'vitest';
import {
  gatewayConfigSpec,
  introspectionEnabled,
  SUBGRAPH_NAMES,
  subgraphUrlsFrom,
} from './config.js';

describe('gatewayConfigSpec', () => {
  it('has a documented default for everything but the subgraph URL overrides', () => {
    const config = loadConfig(gatewayConfigSpec, {});
    expect(config).toEqual({
      port: 4000,
      environment: 'development',
      supergraphPath: expect.stringMatching(/\/schema\/supergraph\.graphql$/) as string,
      introspection: 'auto',
      querySubgraphUrl: undefined,
      ingestionSubgraphUrl: undefined,
      subgraphTimeoutMs: 10_000,
      maxBodyBytes: 1_048_576,
      logLevel: 'info',
    });
  });

  it('resolves the default supergraph path from the repository root', () => {
    const { supergraphPath } = loadConfig(gatewayConfigSpec, {});
    const repoRoot = new URL('../../', import.meta.url).pathname;
    expect(supergraphPath).toBe(`${repoRoot}schema/supergraph.graphql`);
  });

  it('reads every variable', () => {
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
    expect(config).toEqual({
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
