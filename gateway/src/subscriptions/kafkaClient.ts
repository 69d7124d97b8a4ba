import type { Logger } from '@memgate/platform/logging';
import type { KafkaClientSecurity } from '@memgate/platform/kafka';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export interface GatewayKafkaOptions {
  brokers: readonly string[];
  /** TLS and SASL from KAFKA_SSL / KAFKA_CA_FILE / KAFKA_SASL_*. */
  security: KafkaClientSecurity;
  logger: Logger;
}

/**
 * The gateway's one Kafka client, shared by the change feed and the broker
 * readiness check, logging through the gateway's logger (warnings and up).
 */
export function createGatewayKafka(options: GatewayKafkaOptions): Kafka {
  const { logger } = options;
  return new Kafka({
    clientId: 'memgate-gateway',
    brokers: [...options.brokers],
    ...options.security,
    connectionTimeout: 3_000,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      if (entry.level === logLevel.ERROR)
        logger.error({ kafka: entry.namespace, ...extra }, message);
      else logger.warn({ kafka: entry.namespace, ...extra }, message);
    },
  });
}
