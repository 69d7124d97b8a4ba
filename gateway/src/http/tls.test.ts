import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayServer, serverCredentials, subgraphTrust } from './tls.js';

const NONE = { tlsCertFile: undefined, tlsKeyFile: undefined, tlsCaFile: undefined };

describe('gateway TLS settings', () => {
  let dir: string;
  let cert: string;
  let key: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'memgate-tls-'));
    cert = join(dir, 'tls.crt');
    key = join(dir, 'tls.key');
    await writeFile(cert, 'CERT PEM');
    await writeFile(key, 'KEY PEM');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves plain HTTP when no certificate is configured', () => {
    expect(serverCredentials(NONE)).toBeUndefined();
    expect(createGatewayServer(undefined)).toBeInstanceOf(HttpServer);
    expect(subgraphTrust(NONE)).toBeUndefined();
  });

  it('reads the certificate and key, and trusts the private CA besides the system ones', () => {
    expect(serverCredentials({ ...NONE, tlsCertFile: cert, tlsKeyFile: key })).toEqual({
      cert: 'CERT PEM',
      key: 'KEY PEM',
    });
    expect(subgraphTrust({ ...NONE, tlsCaFile: cert })).toEqual([...rootCertificates, 'CERT PEM']);
  });

  it('refuses a certificate without its key, naming both variables', () => {
    expect(() => serverCredentials({ ...NONE, tlsCertFile: cert })).toThrow(
      'MEMGATE_TLS_CERT_FILE and MEMGATE_TLS_KEY_FILE go together',
    );
  });

  it('names the variable whose file cannot be read', () => {
    expect(() =>
      serverCredentials({ ...NONE, tlsCertFile: cert, tlsKeyFile: join(dir, 'missing.key') }),
    ).toThrow(/^MEMGATE_TLS_KEY_FILE=.*missing\.key: cannot be read\.$/);
    expect(() => subgraphTrust({ ...NONE, tlsCaFile: join(dir, 'nope.pem') })).toThrow(
      'MEMGATE_TLS_CA_FILE=',
    );
  });
});
