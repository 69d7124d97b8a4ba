import { loadConfig, type ConfigOf, type Environment } from '../config/index.js';
import { startBoltEngine, boltReturnsOne } from './bolt-engine.js';
import { kafkaRoundTrip, startKafkaBroker } from './kafka-broker.js';
import { resolveCacheDir } from './maven-artifacts.js';
import { waitUntilReady } from './readiness.js';
import { servicesConfig } from './launcher-config.js';

export interface EngineEndpoint {
  readonly uri: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** True when MEMGRAPH_URI pointed at an engine we did not start. */
  readonly external: boolean;
  readonly readyAfterMs: number;
}

export interface KafkaEndpoint {
  readonly brokers: string[];
  readonly external: boolean;
  readonly readyAfterMs: number;
}

export interface RunningServices {
  readonly engine: EngineEndpoint | undefined;
  readonly kafka: KafkaEndpoint | undefined;
  /** Stops what this call started; external services are left alone. */
  stop(): Promise<void>;
}

export interface StartServicesOptions {
  engine?: boolean;
  kafka?: boolean;
  environment?: Environment;
}

interface Started<T> {
  endpoint: T;
  stop: () => Promise<void>;
}

type ServicesConfig = ConfigOf<typeof servicesConfig>;

/**
 * The one way tests, `npm start` and benchmarks get an engine and a broker:
 * external ones when MEMGRAPH_URI / KAFKA_BROKERS are set (checked, never
 * started), otherwise local JVMs on free loopback ports, started in parallel.
 */
export async function startServices(options: StartServicesOptions = {}): Promise<RunningServices> {
  const config = loadConfig(servicesConfig, options.environment);
  const engineTask = options.engine === false ? undefined : provideEngine(config);
  const kafkaTask = options.kafka === false ? undefined : provideKafka(config);
  const [engine, kafka] = await Promise.allSettled([engineTask, kafkaTask]);

  const stops = [engine, kafka].flatMap((result) =>
    result.status === 'fulfilled' && result.value ? [result.value.stop] : [],
  );
  const stopAll = async (): Promise<void> => {
    await Promise.all(stops.map((stop) => stop()));
  };
  const failure = [engine, kafka].find((result) => result.status === 'rejected');
  if (failure?.status === 'rejected') {
    await stopAll();
    throw failure.reason;
  }
  return {
    engine: engine.status === 'fulfilled' ? engine.value?.endpoint : undefined,
    kafka: kafka.status === 'fulfilled' ? kafka.value?.endpoint : undefined,
    stop: stopAll,
  };
}

async function provideEngine(config: ServicesConfig): Promise<Started<EngineEndpoint>> {
  const started = Date.now();
  if (config.uri) {
    const auth = { user: config.user, password: config.password };
    const uri = config.uri;
    await waitUntilReady(() => boltReturnsOne(uri, auth), {
      service: `Memgraph at ${uri}`,
      timeoutMs: config.serviceStartTimeoutMs,
    });
    const endpoint = { uri, ...auth, external: true, readyAfterMs: Date.now() - started };
    return { endpoint, stop: () => Promise.resolve() };
  }
  const local = await startBoltEngine({
    cacheDir: resolveCacheDir(config.cacheDir),
    port: config.localBoltPort,
    heapMb: config.localEngineHeapMb,
    pageCacheMb: 256,
    startTimeoutMs: config.serviceStartTimeoutMs,
  });
  const endpoint = {
    uri: local.uri,
    user: undefined,
    password: undefined,
    external: false,
    readyAfterMs: Date.now() - started,
  };
  return { endpoint, stop: local.stop };
}

async function provideKafka(config: ServicesConfig): Promise<Started<KafkaEndpoint>> {
  const started = Date.now();
  if (config.kafkaBrokers.length > 0) {
    const brokers = config.kafkaBrokers;
    await waitUntilReady(() => kafkaRoundTrip(brokers), {
      service: `Kafka at ${brokers.join(',')}`,
      timeoutMs: config.serviceStartTimeoutMs,
    });
    const endpoint = { brokers, external: true, readyAfterMs: Date.now() - started };
    return { endpoint, stop: () => Promise.resolve() };
  }
  const local = await startKafkaBroker({
    cacheDir: resolveCacheDir(config.cacheDir),
    port: config.localKafkaPort,
    heapMb: config.localKafkaHeapMb,
    startTimeoutMs: config.serviceStartTimeoutMs,
  });
  const endpoint = { brokers: local.brokers, external: false, readyAfterMs: Date.now() - started };
  return { endpoint, stop: local.stop };
}
