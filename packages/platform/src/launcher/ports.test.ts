import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { claimPort, findFreePort, isPortFree, LOOPBACK } from './ports.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function occupy(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('ports', () => {
  it('finds a free loopback port', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(await isPortFree(port)).toBe(true);
  });

  it('gives a clear error when a configured port is taken', async () => {
    const port = await occupy();
    await expect(claimPort('Kafka broker', port, 'MEMGATE_LOCAL_KAFKA_PORT')).rejects.toThrow(
      `Kafka broker: port ${port} on 127.0.0.1 is already in use.\n  → Stop what listens there, or set MEMGATE_LOCAL_KAFKA_PORT=0 to pick a free port.`,
    );
  });

  it('keeps a configured port that is free', async () => {
    const port = await findFreePort();
    await expect(claimPort('engine', port, 'X')).resolves.toBe(port);
  });
});
