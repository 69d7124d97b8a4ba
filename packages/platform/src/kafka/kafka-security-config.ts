import { boolVar, enumVar, optionalStringVar } from '../config/index.js';

export const SASL_MECHANISMS = ['none', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * How Kafka clients authenticate and encrypt. Unset means plaintext without
 * authentication, as on the local broker; production sets KAFKA_SSL and a
 * SCRAM mechanism, from configuration alone. Keys are prefixed: services
 * spread this beside the engine's settings, which have a CA file too.
 */
export const kafkaSecurityConfig = {
  kafkaSsl: boolVar('KAFKA_SSL', {
    description: 'Connect to Kafka over TLS.',
    default: false,
  }),
  kafkaCaFile: optionalStringVar('KAFKA_CA_FILE', {
    description:
      'PEM file of the CA(s) that signed the brokers’ certificates (unset: the system trust store). Implies KAFKA_SSL.',
  }),
  kafkaSaslMechanism: enumVar('KAFKA_SASL_MECHANISM', {
    description: 'SASL mechanism: none, scram-sha-256 or scram-sha-512.',
    values: SASL_MECHANISMS,
    default: 'none',
  }),
  kafkaSaslUsername: optionalStringVar('KAFKA_SASL_USERNAME', {
    description: 'SASL/SCRAM user (with KAFKA_SASL_MECHANISM).',
  }),
  kafkaSaslPassword: optionalStringVar('KAFKA_SASL_PASSWORD', {
    description: 'SASL/SCRAM password (with KAFKA_SASL_MECHANISM).',
    secret: true,
  }),
};
