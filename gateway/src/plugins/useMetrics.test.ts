import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { createServiceMetrics, parseExposition } from '@memgate/platform/metrics';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context.js';
import { requestedOperationName, useMetrics } from './useMetrics.js';

describe('requestedOperationName', () => {
  it('takes the name the client gave, else the name the document starts with', () => {
    expect(requestedOperationName({ operationName: 'Given', query: 'query Other { a }' })).toBe(
      'Given',
    );
    expect(requestedOperationName({ query: '  subscription Watch { a }' })).toBe('Watch');
    expect(requestedOperationName({ query: '{ a }' })).toBeUndefined();
    expect(requestedOperationName(undefined)).toBeUndefined();
  });
});

type Hooks = {
  executionDidStart?: () => Promise<unknown>;
  willSendResponse?: (
    context: GraphQLRequestContextWillSendResponse<GatewayContext>,
  ) => Promise<void>;
};

/** Runs the plugin's hooks as Apollo Server would for one operation. */
async function record(options: {
  executed: boolean;
  operation?: 'query' | 'mutation';
  result: { data?: unknown; errors?: unknown[] };
  derived?: boolean;
}): Promise<string> {
  const metrics = createServiceMetrics({ service: 'gateway', defaultMetrics: false });
  const plugin = useMetrics(metrics.graphql).plugin;
  const start = plugin.requestDidStart?.bind(plugin) as unknown as (
    context: unknown,
  ) => Promise<Hooks | undefined>;
  const hooks = await start({ contextValue: { derived: options.derived ?? false } });
  if (options.executed) await hooks?.executionDidStart?.();
  await hooks?.willSendResponse?.({
    operationName: 'Op',
    request: {},
    operation: options.operation && { operation: options.operation },
    response: { body: { kind: 'single', singleResult: options.result } },
  } as unknown as GraphQLRequestContextWillSendResponse<GatewayContext>);
  const samples = parseExposition(await metrics.registry.metrics());
  const counted = samples.filter((sample) => sample.name === 'memgate_graphql_operations_total');
  return counted.map((sample) => `${sample.labels['type']} ${sample.labels['outcome']}`).join();
}

describe('useMetrics', () => {
  it('tells success, partial, error and rejected apart', async () => {
    expect(await record({ executed: true, operation: 'query', result: { data: {} } })).toBe(
      'query success',
    );
    expect(
      await record({ executed: true, operation: 'query', result: { data: {}, errors: [{}] } }),
    ).toBe('query partial');
    expect(
      await record({ executed: true, operation: 'mutation', result: { data: null, errors: [{}] } }),
    ).toBe('mutation error');
    // Refused by a guard (RBAC, cost) after the operation was resolved, before it ran.
    expect(await record({ executed: false, operation: 'query', result: { errors: [{}] } })).toBe(
      'query rejected',
    );
  });

  it('leaves out the queries the gateway runs itself for subscription events', async () => {
    expect(
      await record({ executed: true, operation: 'query', result: { data: {} }, derived: true }),
    ).toBe('');
  });
});
