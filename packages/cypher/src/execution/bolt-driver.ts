import { MemgateError } from '@memgate/platform/errors';
import neo4j, { type Config, type Driver } from 'neo4j-driver';

export interface BoltTarget {
  readonly uri: string;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  /** PEM CA file that signed the engine's certificate; implies TLS. */
  readonly caFile?: string | undefined;
}

const SCHEME = /^(bolt|neo4j)(\+s|\+ssc)?:\/\//;

/**
 * The driver's URI and TLS settings for a target. The driver refuses TLS
 * settings in both the URI (`+s`) and the config, and a custom CA can only be
 * given in the config; so with a CA file the `+s` moves from the URI into
 * `encrypted` + `trustedCertificates`. Without one, `bolt+s://` keeps the
 * system trust store and `bolt+ssc://` accepts a self-signed certificate.
 */
export function boltDriverSettings(target: BoltTarget): {
  uri: string;
  tls: Pick<Config, 'encrypted' | 'trust' | 'trustedCertificates'>;
} {
  const match = SCHEME.exec(target.uri);
  if (!match) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `"${target.uri}" is not a Bolt URI (bolt://, bolt+s://, neo4j://, neo4j+s://…).`,
    );
  }
  if (target.caFile === undefined) return { uri: target.uri, tls: {} };
  const plain = target.uri.replace(SCHEME, `${match[1] ?? 'bolt'}://`);
  return {
    uri: plain,
    tls: {
      encrypted: 'ENCRYPTION_ON',
      trust: 'TRUST_CUSTOM_CA_SIGNED_CERTIFICATES',
      trustedCertificates: [target.caFile],
    },
  };
}

export function createBoltDriver(target: BoltTarget, config: Config): Driver {
  const { uri, tls } = boltDriverSettings(target);
  return neo4j.driver(
    uri,
    target.user ? neo4j.auth.basic(target.user, target.password ?? '') : undefined,
    // Object.assign, not spread: the driver types Config as a class.
    Object.assign({}, config, tls),
  );
}
