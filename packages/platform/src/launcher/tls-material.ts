import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { javaBinary } from './prerequisites.js';
import { ServiceStartError } from './service-start-error.js';

const run = promisify(execFile);

/**
 * A throw-away PKI for local TLS: a self-signed CA and one server
 * certificate for 127.0.0.1 / localhost, as PEM files (Neo4j, Node clients)
 * and as PKCS12 key and trust stores (Kafka).
 */
export interface TlsMaterial {
  readonly dir: string;
  /** The CA certificate clients trust (MEMGRAPH_CA_FILE, KAFKA_CA_FILE). */
  readonly caFile: string;
  /** PKCS#8 PEM private key and PEM certificate of the server. */
  readonly serverKeyFile: string;
  readonly serverCertFile: string;
  /** PKCS12 store with the server key and its chain, and one with the CA. */
  readonly keystoreFile: string;
  readonly truststoreFile: string;
  readonly storePassword: string;
}

/** keytool beside the `java` the launcher runs, so both come from one JDK. */
function keytoolBinary(): string {
  return path.join(path.dirname(javaBinary()), 'keytool');
}

async function tool(command: string, args: readonly string[], cwd: string): Promise<void> {
  try {
    await run(command, [...args], { cwd });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new ServiceStartError(
      'TLS material',
      `${path.basename(command)} failed: ${stderr.trim()}`,
      {
        cause: error,
        hint: 'openssl and a JDK (keytool) are needed to make local certificates.',
      },
    );
  }
}

/** Makes the CA, the server certificate and the stores in `dir` (created if missing). */
export async function createTlsMaterial(dir: string): Promise<TlsMaterial> {
  await mkdir(dir, { recursive: true });
  const storePassword = randomBytes(12).toString('hex');
  const file = (name: string): string => path.join(dir, name);
  await writeFile(
    file('server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ].join('\n'),
  );
  const openssl = (args: readonly string[]): Promise<void> => tool('openssl', args, dir);
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Memgate local test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await openssl([
    'genpkey',
    '-algorithm',
    'RSA',
    '-pkeyopt',
    'rsa_keygen_bits:2048',
    '-out',
    'server.key',
  ]);
  await openssl([
    'req',
    '-new',
    '-key',
    'server.key',
    '-subj',
    '/CN=localhost',
    '-out',
    'server.csr',
  ]);
  await openssl([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'server.crt',
  ]);
  await openssl([
    'pkcs12',
    '-export',
    '-name',
    'server',
    '-inkey',
    'server.key',
    '-in',
    'server.crt',
    '-certfile',
    'ca.crt',
    '-passout',
    `pass:${storePassword}`,
    '-out',
    'keystore.p12',
  ]);
  await tool(
    keytoolBinary(),
    [
      '-importcert',
      '-noprompt',
      '-alias',
      'memgate-ca',
      '-file',
      'ca.crt',
      '-storetype',
      'PKCS12',
      '-keystore',
      'truststore.p12',
      '-storepass',
      storePassword,
    ],
    dir,
  );
  return {
    dir,
    caFile: file('ca.crt'),
    serverKeyFile: file('server.key'),
    serverCertFile: file('server.crt'),
    keystoreFile: file('keystore.p12'),
    truststoreFile: file('truststore.p12'),
    storePassword,
  };
}
