import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { ConfigOf } from '@memgate/platform/config';
import { MemgateError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import { watchFile, type FileWatch } from '../federation/watchFile.js';
import type { tlsConfigSpec } from './tlsConfig.js';

export type TlsConfig = ConfigOf<typeof tlsConfigSpec>;

/** The certificate and key the gateway serves with, as PEM text. */
export interface ServerCredentials {
  readonly cert: string;
  readonly key: string;
}

/**
 * The server credentials, or undefined for plain HTTP. Read at start-up so a
 * missing or unreadable file stops the gateway with the variable named,
 * instead of failing the first handshake.
 */
export function serverCredentials(config: TlsConfig): ServerCredentials | undefined {
  const { tlsCertFile, tlsKeyFile } = config;
  if (tlsCertFile === undefined && tlsKeyFile === undefined) return undefined;
  if (tlsCertFile === undefined || tlsKeyFile === undefined) {
    throw new MemgateError(
      'INVALID_CONFIG',
      'MEMGATE_TLS_CERT_FILE and MEMGATE_TLS_KEY_FILE go together: set both to serve HTTPS, or neither.',
    );
  }
  return {
    cert: readPem('MEMGATE_TLS_CERT_FILE', tlsCertFile),
    key: readPem('MEMGATE_TLS_KEY_FILE', tlsKeyFile),
  };
}

/**
 * The CAs to verify `https://` subgraphs with: the system's and the
 * configured private one. Undefined keeps Node's defaults. Adding rather
 * than replacing keeps subgraphs with public certificates reachable.
 */
export function subgraphTrust(config: TlsConfig): string[] | undefined {
  if (config.tlsCaFile === undefined) return undefined;
  return [...rootCertificates, readPem('MEMGATE_TLS_CA_FILE', config.tlsCaFile)];
}

/** An HTTPS server with the credentials, or a plain HTTP server without. */
export function createGatewayServer(credentials: ServerCredentials | undefined): Server {
  // https.Server is an http.Server to every consumer here (Apollo's drain
  // plugin, ws, express): same events, same `close` semantics.
  return credentials ? createHttpsServer(credentials) : createHttpServer();
}

/**
 * Re-reads the certificate and key when either file changes and serves the
 * new pair to new connections: cert-manager and similar tools rotate the
 * files of a mounted Secret in place, and a restart only for that would
 * drop every WebSocket. A half-written pair is refused and the old one kept.
 */
export function reloadCredentialsOnChange(
  server: Server,
  config: TlsConfig,
  logger: Logger,
): FileWatch {
  const reload = (): void => {
    try {
      const credentials = serverCredentials(config);
      if (credentials) (server as HttpsServer).setSecureContext(credentials);
      logger.info({ certFile: config.tlsCertFile }, 'TLS certificate reloaded');
    } catch (error) {
      logger.error({ err: error }, 'new TLS certificate rejected; keeping the current one');
    }
  };
  const watches = [config.tlsCertFile, config.tlsKeyFile]
    .filter((path): path is string => path !== undefined)
    .map((path) => watchFile(path, { debounceMs: 200, onChange: reload }));
  return { close: () => watches.forEach((watch) => watch.close()) };
}

function readPem(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new MemgateError('INVALID_CONFIG', `${variable}=${path}: cannot be read.`, {
      cause: error,
    });
  }
}
