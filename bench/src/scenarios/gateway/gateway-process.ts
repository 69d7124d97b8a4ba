/**
 * Entry of a child process serving one gateway of the benchmark over HTTP:
 * `memgate` (ours, configured from the environment as in production) or
 * `hive` (Hive Gateway's runtime, served by node:http as its docs show),
 * both on the supergraph file MEMGATE_SUPERGRAPH_PATH names. Prints
 * `{"url": …}` once listening, then samples of its memory (and, for ours,
 * of its active subscriptions); `gc` on stdin collects garbage first
 * (started with --expose-gc); stops when its parent closes stdin.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, gatewayConfigSpec } from '@memgate/gateway';
import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { failAsChild, serveAsChild, type ChildMessage } from '../../lib/child-process.js';

const peer = process.argv[2];
/** Memory now, and CPU time used so far (user + system, µs). */
const memory = (): { rss: number; heapUsed: number; cpu: number } => {
  const { rss, heapUsed } = process.memoryUsage();
  const { user, system } = process.cpuUsage();
  return { rss, heapUsed, cpu: user + system };
};

async function startMemgate(): Promise<void> {
  const config = loadConfig(gatewayConfigSpec, process.env);
  const gateway = createGateway({
    config,
    logger: createLogger({ service: 'gateway', level: config.logLevel }),
  });
  const { url } = await gateway.start();
  if (config.brokers.length > 0) await gateway.subscriptionsReady();
  serveAsChild(
    { url },
    (): ChildMessage => ({ ...memory(), subscriptions: gateway.activeSubscriptions() }),
    () => gateway.stop(),
  );
}

/** The part of @graphql-hive/gateway-runtime this process uses. */
interface HiveRuntimeModule {
  createGatewayRuntime(config: { supergraph: string; logging: string }): RequestListener & {
    dispose(): Promise<void> | void;
  };
}

/**
 * Loaded by a name TypeScript does not resolve: Hive's typings augment
 * graphql's own types (GraphQLResolveInfo, error extensions) for the whole
 * program, which would retype the gateway's code in this repository's
 * single type-check.
 */
const HIVE_RUNTIME: string = '@graphql-hive/gateway-runtime';

async function startHive(): Promise<void> {
  const supergraph = process.env['MEMGATE_SUPERGRAPH_PATH'];
  if (!supergraph) throw new Error('MEMGATE_SUPERGRAPH_PATH is not set');
  const hive = (await import(HIVE_RUNTIME)) as HiveRuntimeModule;
  const runtime = hive.createGatewayRuntime({ supergraph, logging: 'error' });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveAsChild({ url: `http://127.0.0.1:${port}/graphql` }, memory, async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.dispose();
  });
}

try {
  if (peer === 'memgate') await startMemgate();
  else if (peer === 'hive') await startHive();
  else throw new Error(`unknown gateway ${String(peer)}; memgate or hive`);
} catch (error) {
  failAsChild(error);
}
