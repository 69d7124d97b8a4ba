import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The URL of a loopback port that was free a moment ago, so connecting is
 * refused. (Well-known "closed" ports such as 9 will not do: fetch refuses
 * them itself as "bad port" without trying.)
 */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}
