import net from 'node:net';
import { ServiceStartError } from './service-start-error.js';

export const LOOPBACK = '127.0.0.1';

/** Asks the kernel for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

/** A configured port of 0 means "any free port"; any other one must be free, or we say who is in the way. */
export async function claimPort(
  service: string,
  configured: number,
  variable: string,
): Promise<number> {
  if (configured === 0) return findFreePort();
  if (await isPortFree(configured)) return configured;
  throw new ServiceStartError(service, `port ${configured} on ${LOOPBACK} is already in use.`, {
    hint: `Stop what listens there, or set ${variable}=0 to pick a free port.`,
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function isListening(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
