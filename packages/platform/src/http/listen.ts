import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { RawHandler } from './graphql-route.js';
import { requestTarget } from './request-target.js';

export interface Listening {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections, ends idle keep-alive ones, and waits. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (0: a free port) and resolves once bound. A path
 * of `routes` (exact, without the query string) is answered by its raw
 * handler; every other request goes to `app`.
 */
export async function listen(
  app: Express,
  port: number,
  host = '0.0.0.0',
  routes: Readonly<Record<string, RawHandler>> = {},
): Promise<Listening> {
  const routed = new Map(Object.entries(routes));
  const server = createServer(
    routed.size === 0
      ? app
      : (req, res) => {
          const route = routed.get(requestTarget(req).path);
          if (route) route(req, res);
          else void app(req, res);
        },
  );
  // Longer than typical proxy idle timeouts, so the proxy closes first.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    port: bound,
    url: `http://${shownHost}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
