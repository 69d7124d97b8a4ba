import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback `host:port` that was free a moment ago, so connecting is refused. */
export async function closedBrokerAddress(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `127.0.0.1:${port}`;
}
