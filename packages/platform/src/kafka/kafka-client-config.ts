import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { loadConfig, type ConfigOf, type Environment } from '../config/index.js';
import { MemgateError } from '../errors/index.js';
import { kafkaSecurityConfig } from './kafka-security-config.js';

export type KafkaSecurity = ConfigOf<typeof kafkaSecurityConfig>;

/** The part of a kafkajs `KafkaConfig` that security settings decide. */
export type KafkaClientSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/**
 * Reads KAFKA_SSL, KAFKA_CA_FILE and KAFKA_SASL_* and returns the `ssl` and
 * `sasl` options of a kafkajs client: `new Kafka({ brokers, ...kafkaClientConfig() })`.
 */
export function kafkaClientConfig(environment: Environment = process.env): KafkaClientSecurity {
  return kafkaClientSecurity(loadConfig(kafkaSecurityConfig, environment));
}

/** The same, from already loaded configuration (a service spreads kafkaSecurityConfig into its own). */
export function kafkaClientSecurity(security: KafkaSecurity): KafkaClientSecurity {
  const options: KafkaClientSecurity = {};
  if (security.kafkaSsl || security.kafkaCaFile !== undefined) {
    options.ssl = security.kafkaCaFile ? tlsWithCa(security.kafkaCaFile) : true;
  }
  if (security.kafkaSaslMechanism !== 'none') {
    const { kafkaSaslUsername: username, kafkaSaslPassword: password } = security;
    if (!username || !password) {
      throw new MemgateError(
        'INVALID_CONFIG',
        `KAFKA_SASL_MECHANISM=${security.kafkaSaslMechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.`,
      );
    }
    const sasl: SASLOptions = { mechanism: security.kafkaSaslMechanism, username, password };
    options.sasl = sasl;
  }
  return options;
}

function tlsWithCa(caFile: string): ConnectionOptions {
  try {
    return { ca: [readFileSync(caFile, 'utf8')], rejectUnauthorized: true };
  } catch (error) {
    throw new MemgateError('INVALID_CONFIG', `KAFKA_CA_FILE=${caFile}: cannot be read.`, {
      cause: error,
    });
  }
}
