import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@memgate/platform/config';
import {
  findFreePort,
  ensureArtifacts,
  LOOPBACK,
  resolveCacheDir,
  servicesConfig,
  startJvm,
  waitUntilReady,
} from '@memgate/platform/launcher';

const SERVICE = 'OpenSearch (log pipeline test)';
const here = path.dirname(fileURLToPath(import.meta.url));
const POM = path.join(here, '..', 'logging', 'opensearch', 'pom.xml');
const NODE_SOURCE = path.join(here, '..', 'logging', 'opensearch', 'LocalNode.java');

export interface LocalSearchEngine {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A one-node OpenSearch on loopback, from jars Maven fetches into the same
 * cache as the launcher's engines (first run only), started the way the
 * launcher starts its JVMs: under the watchdog, so none outlives the test.
 */
export async function startSearchEngine(): Promise<LocalSearchEngine> {
  const config = loadConfig(servicesConfig);
  const jars = await ensureArtifacts(POM, resolveCacheDir(config.cacheDir), SERVICE);
  const home = await mkdtemp(path.join(os.tmpdir(), 'memgate-opensearch-'));
  await mkdir(path.join(home, 'config'));
  const httpPort = await findFreePort();
  const transportPort = await findFreePort();
  const jvm = startJvm({
    name: SERVICE,
    classpathDir: jars,
    // Java's single-file source launcher compiles and runs it in memory.
    mainClass: NODE_SOURCE,
    args: [home, String(httpPort), String(transportPort)],
    jvmArgs: ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true'],
    logFile: path.join(home, 'console.log'),
    cwd: home,
  });
  const url = `http://${LOOPBACK}:${httpPort}`;
  const stop = async (): Promise<void> => {
    await jvm.stop(5_000);
    await rm(home, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(
      async () => {
        const response = await fetch(`${url}/_cluster/health`);
        return response.ok;
      },
      { service: SERVICE, timeoutMs: config.serviceStartTimeoutMs, process: jvm },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** A JSON request to the engine; throws with the engine's answer on a non-2xx status. */
export async function searchApi<T = Record<string, unknown>>(
  engine: LocalSearchEngine,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const ndjson = typeof body === 'string';
  const response = await fetch(`${engine.url}${route}`, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    ...(body === undefined ? {} : { body: ndjson ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
