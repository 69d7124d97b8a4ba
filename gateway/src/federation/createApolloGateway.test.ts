import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../test/captureLogger.js';

/** What APOLLO_TELEMETRY_DISABLED was when @apollo/gateway's constructor ran, per construction. */
const seenByConstructor: (string | undefined)[] = [];

vi.mock(import('@apollo/gateway'), async (importOriginal) => ({
  ...(await importOriginal()),
  ApolloGateway: vi.fn(function constructed() {
    seenByConstructor.push(process.env['APOLLO_TELEMETRY_DISABLED']);
  }) as never,
}));

const { createApolloGateway } = await import('./createApolloGateway.js');

function make(apolloTelemetry: boolean): void {
  createApolloGateway({
    supergraph: () => Promise.resolve({ supergraphSdl: '' }),
    subgraphUrls: {},
    fetch: vi.fn(),
    logger: captureLogger('warn').logger,
    metrics: { observe: vi.fn() } as never,
    tracer: {} as never,
    apolloTelemetry,
  });
}

const original = process.env['APOLLO_TELEMETRY_DISABLED'];

afterEach(() => {
  seenByConstructor.length = 0;
  if (original === undefined) delete process.env['APOLLO_TELEMETRY_DISABLED'];
  else process.env['APOLLO_TELEMETRY_DISABLED'] = original;
});

describe('createApolloGateway', () => {
  it('turns Apollo usage metrics off for the constructor by default, and leaves the environment as found', () => {
    delete process.env['APOLLO_TELEMETRY_DISABLED'];
    make(false);
    expect(seenByConstructor).toEqual(['true']);
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBeUndefined();

    process.env['APOLLO_TELEMETRY_DISABLED'] = 'no';
    make(false);
    expect(seenByConstructor).toEqual(['true', 'true']);
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBe('no');
  });

  it('leaves the choice to @apollo/gateway and its own variable when MEMGATE_APOLLO_TELEMETRY is on', () => {
    delete process.env['APOLLO_TELEMETRY_DISABLED'];
    make(true);
    process.env['APOLLO_TELEMETRY_DISABLED'] = '1';
    make(true);
    expect(seenByConstructor).toEqual([undefined, '1']);
  });
});
