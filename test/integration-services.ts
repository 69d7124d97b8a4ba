// A relative import: vitest loads global set-up files before it applies the
// `memgate-source` resolve condition that test files get.
import { startServices, type RunningServices } from '../packages/platform/src/launcher/index.js';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    boltUri: string;
    boltUser: string | undefined;
    boltPassword: string | undefined;
    kafkaBrokers: string[];
  }
}

let services: RunningServices | undefined;

/**
 * Starts the real engine and broker once for the integration project (or
 * checks the external ones named by MEMGRAPH_URI / KAFKA_BROKERS) and hands
 * their addresses to the tests through `inject()`.
 */
export async function setup(project: TestProject): Promise<void> {
  services = await startServices();
  const { engine, kafka } = services;
  if (!engine || !kafka) throw new Error('the launcher returned no engine or broker');
  project.provide('boltUri', engine.uri);
  project.provide('boltUser', engine.user);
  project.provide('boltPassword', engine.password);
  project.provide('kafkaBrokers', kafka.brokers);
  console.log(
    `integration services: engine ${engine.uri} (${engine.external ? 'external' : `local, ready in ${engine.readyAfterMs} ms`}), ` +
      `kafka ${kafka.brokers.join(',')} (${kafka.external ? 'external' : `local, ready in ${kafka.readyAfterMs} ms`})`,
  );
}

export async function teardown(): Promise<void> {
  await services?.stop();
}
