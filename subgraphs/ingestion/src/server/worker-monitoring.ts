import type { Logger } from '@memgate/platform/logging';
import {
  startConsumerLagPoller,
  type CircuitState as CircuitMetricState,
  type KafkaMetrics,
} from '@memgate/platform/metrics';
import type { Kafka } from 'kafkajs';
import { toBrokerError } from '../kafka/broker-errors.js';
import type { CircuitState } from '../worker/circuit-breaker.js';
import type { PipelineConsumer } from '../worker/pipeline-consumer.js';

/** The `breaker` label of the worker's one circuit breaker, around the engine. */
export const ENGINE_BREAKER = 'engine';

/** Prometheus label values are snake_case: the breaker's `half-open` is `half_open`. */
export function circuitMetricState(state: CircuitState): CircuitMetricState {
  return state === 'half-open' ? 'half_open' : state;
}

export interface LagPollers {
  /** Stops polling and closes the admin connection the pollers share. */
  stop(): Promise<void>;
}

/**
 * Polls the lag of every consumer group the worker belongs to into
 * `memgate_kafka_consumer_lag_messages`, over one admin connection. A
 * failed poll is logged at debug and tried again at the next interval:
 * the broker being away already shows on /readyz.
 */
export async function startLagPollers(
  kafka: Pick<Kafka, 'admin'>,
  consumers: readonly Pick<PipelineConsumer, 'description'>[],
  metrics: KafkaMetrics,
  logger: Logger,
  intervalMs?: number,
): Promise<LagPollers> {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw toBrokerError(error, 'connect the lag poller');
  }
  const pollers = consumers.map(({ description: { groupId, topics } }) =>
    startConsumerLagPoller({
      metrics,
      admin,
      groupId,
      topics,
      ...(intervalMs !== undefined && { intervalMs }),
      onError: (error) => logger.debug({ err: error, groupId }, 'could not read the consumer lag'),
    }),
  );
  return {
    async stop() {
      for (const poller of pollers) poller.stop();
      await admin.disconnect();
    },
  };
}
