import { createServiceMetrics, parseExposition, sampleValue } from '@memgate/platform/metrics';
import type { Admin, Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { circuitMetricState, startLagPollers } from './worker-monitoring.js';

/** An admin client over one topic of two partitions; the group committed 7 on partition 0. */
function fakeAdmin(options: { connectFails?: boolean; offsetsFail?: boolean } = {}) {
  const calls: string[] = [];
  const admin = {
    connect: () => {
      calls.push('connect');
      return options.connectFails
        ? Promise.reject(Object.assign(new Error('refused'), { name: 'KafkaJSConnectionError' }))
        : Promise.resolve();
    },
    disconnect: () => {
      calls.push('disconnect');
      return Promise.resolve();
    },
    fetchOffsets: ({ groupId }: { groupId: string }) => {
      calls.push(`offsets ${groupId}`);
      if (options.offsetsFail) return Promise.reject(new Error('coordinator not available'));
      return Promise.resolve([
        {
          topic: 'ops',
          partitions: [
            { partition: 0, offset: '7' },
            { partition: 1, offset: '-1' },
          ],
        },
      ]);
    },
    fetchTopicOffsets: () =>
      Promise.resolve([
        { partition: 0, offset: '10', high: '10', low: '0' },
        { partition: 1, offset: '4', high: '4', low: '1' },
      ]),
  } as unknown as Admin;
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

const consumer = (groupId: string) => ({ description: { groupId, topics: ['ops'] } });

describe('circuitMetricState', () => {
  it('spells the breaker states as label values', () => {
    expect(
      ['closed', 'open', 'half-open'].map((state) => circuitMetricState(state as never)),
    ).toEqual(['closed', 'open', 'half_open']);
  });
});

describe('startLagPollers', () => {
  it('polls the lag of every group into the gauge at once, and closes its admin when stopped', async () => {
    const { kafka, calls } = fakeAdmin();
    const metrics = createServiceMetrics({ service: 'worker', defaultMetrics: false });
    const pollers = await startLagPollers(
      kafka,
      [consumer('writers'), consumer('crm-writers')],
      metrics.kafka,
      silentLogger(),
      60_000,
    );
    const lags = async () => {
      const samples = parseExposition(await metrics.registry.metrics());
      const lag = (group: string, partition: string) =>
        sampleValue(samples, 'memgate_kafka_consumer_lag_messages', {
          group,
          topic: 'ops',
          partition,
        });
      return [lag('writers', '0'), lag('writers', '1'), lag('crm-writers', '1')];
    };
    // 10 - 7 committed; partition 1 never committed: everything retained (4 - 1).
    await vi.waitFor(async () => expect(await lags()).toEqual([3, 3, 3]));
    await pollers.stop();
    expect(calls.at(-1)).toBe('disconnect');
  });

  it('logs a failed poll at debug and keeps going', async () => {
    const { kafka, calls } = fakeAdmin({ offsetsFail: true });
    const logger = silentLogger();
    const debug = vi.spyOn(logger, 'debug');
    const metrics = createServiceMetrics({ service: 'worker', defaultMetrics: false });
    const pollers = await startLagPollers(
      kafka,
      [consumer('writers')],
      metrics.kafka,
      logger,
      60_000,
    );
    await vi.waitFor(() => expect(debug).toHaveBeenCalled());
    expect(debug.mock.calls[0]?.[1]).toBe('could not read the consumer lag');
    expect(calls).toContain('offsets writers');
    await pollers.stop();
  });

  it('fails as BROKER_UNAVAILABLE when the admin client cannot connect', async () => {
    const { kafka } = fakeAdmin({ connectFails: true });
    const metrics = createServiceMetrics({ service: 'worker', defaultMetrics: false });
    await expect(
      startLagPollers(kafka, [consumer('writers')], metrics.kafka, silentLogger()),
    ).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
  });
});
