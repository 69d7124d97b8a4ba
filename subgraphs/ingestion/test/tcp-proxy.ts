import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy a test can cut: `close()` stops listening and drops
 * every connection (clients see the service as unreachable, connections
 * refused), `open()` listens again on the same port. The worker under test
 * talks to the engine through it.
 */
export interface TcpProxy {
  readonly port: number;
  /** Connections accepted since start. */
  readonly connections: number;
  close(): Promise<void>;
  open(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let server: Server | undefined;
  let port = 0;

  const listen = async (): Promise<void> => {
    const created = createServer((client) => {
      connections += 1;
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => resolve());
    });
    port = (created.address() as AddressInfo).port;
    server = created;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get connections() {
      return connections;
    },
    async close() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (closing) await new Promise((resolve) => closing.close(resolve));
    },
    async open() {
      if (!server) await listen();
    },
  };
}
