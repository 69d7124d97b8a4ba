import net from 'node:net';
import type { Driver } from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { boltAddress, createProbes } from './probes.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('bolt-latency probes', () => {
  it('reads host and port from a Bolt URI, 7687 by default', () => {
    expect(boltAddress('bolt://127.0.0.1:7688')).toEqual({ host: '127.0.0.1', port: 7688 });
    expect(boltAddress('neo4j://memgraph')).toEqual({ host: 'memgraph', port: 7687 });
    expect(boltAddress('bolt://[::1]:7000')).toEqual({ host: '::1', port: 7000 });
  });

  it('the TCP probe connects to the Bolt port and closes, many times over', async () => {
    let accepted = 0;
    const server = net.createServer((socket) => {
      accepted += 1;
      socket.on('error', () => undefined); // the probe closes with a reset
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;

    const probes = createProbes({} as Driver, { host: '127.0.0.1', port });
    const open = await probes.tcp.open(1);
    for (let i = 0; i < 20; i += 1) await open.call(0);
    await open.close();
    await expect.poll(() => accepted).toBe(20);
  });

  it('the TCP probe fails when nothing listens', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const open = await createProbes({} as Driver, { host: '127.0.0.1', port }).tcp.open(1);
    await expect(open.call(0)).rejects.toThrow('ECONNREFUSED');
  });
});
