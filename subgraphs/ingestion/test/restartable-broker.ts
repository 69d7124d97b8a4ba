import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@memgate/platform/config';
import {
  ensureArtifacts,
  kafkaRoundTrip,
  resolveCacheDir,
  servicesConfig,
  startJvm,
  startKafkaBroker,
  waitUntilReady,
  type JvmProcess,
  type LocalKafkaBroker,
} from '@memgate/platform/launcher';

/** The launcher's pom of the broker's jars (it does not export the path). */
const KAFKA_POM = fileURLToPath(
  new URL('../../../packages/platform/src/launcher/maven/kafka/pom.xml', import.meta.url),
);

export interface RestartableBroker {
  readonly brokers: string[];
  /**
   * Stops the broker's JVM (its data stays), waits `downMs`, starts it
   * again on the same port and data, and waits until it answers.
   * `onStopped` runs once the old JVM has exited, `onStarting` just before
   * the new one is launched: nothing can reach the broker in between.
   */
  restart(downMs: number, onStopped?: () => void, onStarting?: () => void): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A broker of the test's own, started by the launcher, that can be
 * restarted: the launcher's `stop()` also deletes the data directory, so a
 * restart stops only the JVM and starts a new one on the launcher's
 * `server.properties` (same port, same log directory, same cluster id), as
 * an operator restarting a broker would.
 */
export async function startRestartableBroker(): Promise<RestartableBroker> {
  const config = loadConfig(servicesConfig);
  const cacheDir = resolveCacheDir(config.cacheDir);
  const heapMb = 384;
  const broker: LocalKafkaBroker = await startKafkaBroker({
    cacheDir,
    port: 0,
    heapMb,
    startTimeoutMs: config.serviceStartTimeoutMs,
  });
  const jars = await ensureArtifacts(KAFKA_POM, cacheDir, 'Kafka broker');
  let current: JvmProcess = broker.process;
  return {
    brokers: broker.brokers,
    async restart(downMs, onStopped, onStarting) {
      await current.stop();
      onStopped?.();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      onStarting?.();
      current = startJvm({
        name: 'Kafka broker (restarted)',
        classpathDir: jars,
        mainClass: 'kafka.Kafka',
        args: [join(broker.dataDir, 'server.properties')],
        jvmArgs: [
          `-Xmx${heapMb}m`,
          `-Xms${Math.min(128, heapMb)}m`,
          '-XX:+UseG1GC',
          '-XX:TieredStopAtLevel=1',
          '-Djava.awt.headless=true',
          `-Dlog4j2.configurationFile=${join(broker.dataDir, 'log4j2.xml')}`,
        ],
        logFile: join(broker.dataDir, 'console.log'),
        cwd: broker.dataDir,
      });
      await waitUntilReady(() => kafkaRoundTrip(broker.brokers), {
        service: 'Kafka broker (restarted)',
        timeoutMs: config.serviceStartTimeoutMs,
        process: current,
      });
    },
    async stop() {
      await current.stop();
      await broker.stop();
    },
  };
}
