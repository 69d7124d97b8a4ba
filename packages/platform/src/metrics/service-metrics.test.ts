import express from 'express';
import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from './exposition.js';
import { createServiceMetrics } from './service-metrics.js';

/** Sample lines of one family, e.g. `name{labels} value`. */
function samples(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('createServiceMetrics', () => {
  it('labels every series with the service, default process metrics included', async () => {
    const metrics = createServiceMetrics({ service: 'query' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^process_cpu_seconds_total\{service="query"\} /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="query"\} /m);
  });

  it('records GraphQL operations by bounded name, type and outcome', async () => {
    const metrics = createServiceMetrics({
      service: 'gateway',
      defaultMetrics: false,
      graphql: { knownOperations: ['People'], maxOperations: 2 },
    });
    const observe = (operation: string | undefined): void =>
      metrics.graphql.observe({ operation, type: 'query', outcome: 'success', seconds: 0.02 });
    for (const name of ['People', 'A', 'B', 'C', 'D', 'x-not-a-name', undefined]) observe(name);
    metrics.graphql.observe({ operation: 'A', type: 'mutation', outcome: 'error', seconds: 2 });
    const text = await metrics.registry.metrics();
    const counted = samples(text, 'memgate_graphql_operations_total');
    expect(counted).toEqual(
      expect.arrayContaining([
        'memgate_graphql_operations_total{operation="People",type="query",outcome="success",service="gateway"} 1',
        'memgate_graphql_operations_total{operation="A",type="query",outcome="success",service="gateway"} 1',
        'memgate_graphql_operations_total{operation="B",type="query",outcome="success",service="gateway"} 1',
        // Past the cap of two new names, and anything that is not a GraphQL name.
        'memgate_graphql_operations_total{operation="other",type="query",outcome="success",service="gateway"} 3',
        'memgate_graphql_operations_total{operation="anonymous",type="query",outcome="success",service="gateway"} 1',
        'memgate_graphql_operations_total{operation="A",type="mutation",outcome="error",service="gateway"} 1',
      ]),
    );
    expect(counted).toHaveLength(6);
    expect(
      sampleValue(parseExposition(text), 'memgate_graphql_operation_duration_seconds_bucket', {
        le: '2.5',
        operation: 'A',
        type: 'mutation',
        outcome: 'error',
      }),
    ).toBe(1);
  });

  it('records subgraph fetches, Cypher statements, Kafka traffic and subscriptions', async () => {
    const metrics = createServiceMetrics({ service: 'worker', defaultMetrics: false });
    const topic = 'memgate.graph-ops';
    const group = 'memgate-writers';
    metrics.subgraph.observe({ subgraph: 'query', outcome: 'success', seconds: 0.004 });
    metrics.cypher.observe({
      kind: 'list',
      mode: 'read',
      outcome: 'success',
      seconds: 0.003,
      rows: 20,
    });
    metrics.cypher.observe({ kind: 'upsertNodes', mode: 'write', outcome: 'timeout', seconds: 10 });
    metrics.kafka.recordProduced(topic, 3);
    metrics.kafka.recordBatch(topic, group, 3);
    metrics.kafka.recordApplied(topic, group, { written: 2500, skipped: 0, rejected: 3 });
    metrics.kafka.setLag(topic, 0, group, 42);
    metrics.kafka.recordRetry(topic, 'transient');
    metrics.kafka.recordDeadLetter(topic, 'Some error: with text');
    metrics.kafka.setCircuitState('graph-writes', 'open');
    metrics.graphql.subscriptionOpened();
    metrics.graphql.subscriptionOpened();
    metrics.graphql.subscriptionClosed();
    const scraped = parseExposition(await metrics.registry.metrics());
    const value = (name: string, labels: Record<string, string>): number | undefined =>
      sampleValue(scraped, name, { service: 'worker', ...labels });
    expect(
      value('memgate_subgraph_fetch_duration_seconds_count', {
        subgraph: 'query',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      value('memgate_cypher_query_duration_seconds_count', {
        kind: 'list',
        mode: 'read',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      value('memgate_cypher_query_duration_seconds_bucket', {
        kind: 'upsertNodes',
        outcome: 'timeout',
        le: '5',
      }),
    ).toBe(0);
    expect(value('memgate_cypher_result_rows_sum', { kind: 'list', mode: 'read' })).toBe(20);
    // A failed statement returned no rows to count.
    expect(value('memgate_cypher_result_rows_count', { kind: 'upsertNodes' })).toBeUndefined();
    expect(value('memgate_kafka_messages_produced_total', { topic, outcome: 'success' })).toBe(3);
    expect(value('memgate_kafka_messages_consumed_total', { topic, group })).toBe(3);
    expect(value('memgate_kafka_batch_size_messages_sum', { topic, group })).toBe(3);
    // Three frames held 2,503 records; an outcome with none is not a series.
    expect(value('memgate_ingestion_records_total', { topic, group, outcome: 'written' })).toBe(
      2500,
    );
    expect(value('memgate_ingestion_records_total', { topic, group, outcome: 'rejected' })).toBe(3);
    expect(
      value('memgate_ingestion_records_total', { topic, group, outcome: 'skipped' }),
    ).toBeUndefined();
    expect(value('memgate_kafka_consumer_lag_messages', { topic, partition: '0', group })).toBe(42);
    expect(value('memgate_kafka_retries_total', { topic, reason: 'transient' })).toBe(1);
    // An error message is no label value.
    expect(value('memgate_kafka_dead_letter_messages_total', { topic, reason: 'other' })).toBe(1);
    expect(value('memgate_circuit_breaker_state', { breaker: 'graph-writes' })).toBe(2);
    expect(value('memgate_graphql_active_subscriptions', {})).toBe(1);
  });

  it('serves the text exposition format at /metrics', async () => {
    const metrics = createServiceMetrics({ service: 'query', defaultMetrics: false });
    metrics.graphql.observe({ operation: 'People', outcome: 'success', seconds: 0.01 });
    const app = express();
    app.get('/metrics', metrics.handler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await response.text()).toContain(
        'memgate_graphql_operations_total{operation="People",type="unknown",outcome="success",service="query"} 1',
      );
    } finally {
      server.close();
    }
  });

  it('keeps series of two services apart in one process', async () => {
    const gateway = createServiceMetrics({ service: 'gateway', defaultMetrics: false });
    const query = createServiceMetrics({ service: 'query', defaultMetrics: false });
    gateway.graphql.observe({ operation: 'A', outcome: 'success', seconds: 1 });
    expect(await query.registry.metrics()).not.toContain('operation="A"');
  });
});
