import type { KafkaConfig } from 'kafkajs';
import type { TlsMaterial } from './tls-material.js';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** Optional TLS and SASL/SCRAM for the local broker's client listener. */
export interface KafkaBrokerSecurity {
  readonly tls?: TlsMaterial;
  readonly scram?: {
    readonly mechanism: ScramMechanism;
    /** Client users, created in the KRaft metadata when storage is formatted. */
    readonly users: readonly { readonly name: string; readonly password: string }[];
  };
}

/** The broker's own SCRAM user, for the inter-broker listener. */
export const BROKER_USER = 'memgate-broker';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

export function securityProtocol(security: KafkaBrokerSecurity | undefined): SecurityProtocol {
  if (security?.tls) return security.scram ? 'SASL_SSL' : 'SSL';
  return security?.scram ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
}

/**
 * Server properties for the secured client listener. The same listener
 * carries inter-broker traffic, so the broker also acts as a client of it
 * (trust store, its own SCRAM login). KRaft controller traffic stays on its
 * own loopback-only plaintext listener, which clients cannot produce to.
 */
export function securityProperties(
  security: KafkaBrokerSecurity,
  brokerPassword: string,
): string[] {
  const lines: string[] = [];
  const { tls, scram } = security;
  if (tls) {
    lines.push(
      'ssl.keystore.type=PKCS12',
      `ssl.keystore.location=${tls.keystoreFile}`,
      `ssl.keystore.password=${tls.storePassword}`,
      `ssl.key.password=${tls.storePassword}`,
      'ssl.truststore.type=PKCS12',
      `ssl.truststore.location=${tls.truststoreFile}`,
      `ssl.truststore.password=${tls.storePassword}`,
      'ssl.client.auth=none',
    );
  }
  if (scram) {
    const listener = securityProtocol(security).toLowerCase();
    lines.push(
      `sasl.enabled.mechanisms=${scram.mechanism}`,
      `sasl.mechanism.inter.broker.protocol=${scram.mechanism}`,
      `listener.name.${listener}.${scram.mechanism.toLowerCase()}.sasl.jaas.config=` +
        `org.apache.kafka.common.security.scram.ScramLoginModule required username="${BROKER_USER}" password="${brokerPassword}";`,
    );
  }
  return lines;
}

/** `--add-scram` arguments of `kafka-storage format`: the broker user and every client user. */
export function scramFormatArgs(security: KafkaBrokerSecurity, brokerPassword: string): string[] {
  if (!security.scram) return [];
  const { mechanism, users } = security.scram;
  return [{ name: BROKER_USER, password: brokerPassword }, ...users].map(
    (user) => `--add-scram=${mechanism}=[name=${user.name},password=${user.password}]`,
  );
}

/** kafkajs options of a client the secured broker accepts (its first SCRAM user). */
export function clientSecurityFor(
  security: KafkaBrokerSecurity | undefined,
  caPem: string | undefined,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const options: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (security?.tls) options.ssl = { ca: caPem ? [caPem] : [], rejectUnauthorized: true };
  const user = security?.scram?.users[0];
  if (security?.scram && user) {
    const credentials = { username: user.name, password: user.password };
    options.sasl =
      security.scram.mechanism === 'SCRAM-SHA-256'
        ? { mechanism: 'scram-sha-256', ...credentials }
        : { mechanism: 'scram-sha-512', ...credentials };
  }
  return options;
}
