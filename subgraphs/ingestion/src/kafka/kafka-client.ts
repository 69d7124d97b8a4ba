import type { KafkaClientSecurity } from '@memgate/platform/kafka';
import type { Logger } from '@memgate/platform/logging';
import { Kafka, logLevel, type LogEntry, type RetryOptions } from 'kafkajs';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
  /** How long a request keeps retrying before BROKER_UNAVAILABLE; kafkajs' defaults otherwise. */
  readonly retry?: RetryOptions;
  readonly connectionTimeoutMs?: number;
  /** TLS and SASL from KAFKA_SSL, KAFKA_CA_FILE and KAFKA_SASL_* (kafkaClientSecurity). */
  readonly security?: KafkaClientSecurity;
}

/**
 * kafkajs logs through our logger: one log format per service. Its INFO
 * lines (joins, rebalances) are routine, so they go out at debug.
 */
function pinoLogCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { kafka: namespace, ...extra };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else logger.debug(fields, message);
    };
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    logLevel: logLevel.INFO,
    logCreator: pinoLogCreator(options.logger.child({ component: 'kafkajs' })),
    ...(options.retry && { retry: options.retry }),
    ...options.security,
  });
}
