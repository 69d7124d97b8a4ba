import { randomBytes } from 'node:crypto';
import { createGateway, gatewayConfigSpec, type Gateway } from '@memgate/gateway';
import {
  createIngestionSubgraph,
  createIngestionWorker,
  ingestionConfig,
} from '@memgate/ingestion';
import { loadConfig, type Environment } from '@memgate/platform/config';
import { startServices, type RunningServices } from '@memgate/platform/launcher';
import { createLogger, type Logger } from '@memgate/platform/logging';
import { createQuerySubgraph, queryConfig } from '@memgate/query';

export interface StackOptions {
  readonly environment?: Environment;
  /** Ports 0 everywhere: what tests use so that stacks never collide. */
  readonly anyFreePorts?: boolean;
  readonly logger?: Logger;
  /** Services already running (a test's engine and broker); none are started then. */
  readonly services?: RunningServices;
}

export interface RunningStack {
  readonly services: RunningServices;
  readonly gatewayUrl: string;
  readonly queryUrl: string;
  readonly ingestionUrl: string;
  /** The ingestion worker's /healthz, /readyz and /metrics. */
  readonly workerUrl: string;
  /** Start-up time of each part, in milliseconds, for the operator and the release notes. */
  readonly timings: Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * The whole Memgate stack in one process, wired the way `docker compose`
 * wires containers: engine and broker (local or external), the query
 * subgraph, the ingestion subgraph and its worker, and the gateway in front.
 * `npm start` and the end-to-end tests both run exactly this.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const given = options.environment ?? process.env;
  const environment: Environment = {
    ...given,
    // The gateway signs who the caller is and both subgraphs check it (the
    // same variables reach the query and the ingestion subgraph); one stack
    // in one process shares a fresh secret unless one is configured.
    MEMGATE_INTERNAL_IDENTITY_SECRET:
      given['MEMGATE_INTERNAL_IDENTITY_SECRET'] ?? randomBytes(32).toString('base64url'),
    ...(options.anyFreePorts
      ? {
          MEMGATE_GATEWAY_PORT: '0',
          MEMGATE_QUERY_PORT: '0',
          MEMGATE_INGESTION_PORT: '0',
          MEMGATE_WORKER_PORT: '0',
        }
      : {}),
  };
  const level = environment['LOG_LEVEL'] ?? 'info';
  // One logger per service, so every line says which service wrote it.
  const loggerFor = (service: string): Logger =>
    options.logger?.child({ component: service }) ?? createLogger({ service, level });
  const timings: Record<string, number> = {};
  const stops: (() => Promise<void>)[] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - started);
    return result;
  };

  const services =
    options.services ?? (await timed('engine + broker', () => startServices({ environment })));
  if (!options.services) stops.push(() => services.stop());
  try {
    const { engine, kafka } = services;
    if (!engine || !kafka) throw new Error('the stack needs both the engine and the broker');
    const engineConnection = { uri: engine.uri, user: engine.user, password: engine.password };

    const query = await timed('query subgraph', async () => {
      const subgraph = await createQuerySubgraph({
        config: loadConfig(queryConfig, environment),
        logger: loggerFor('query'),
        engine: engineConnection,
      });
      stops.push(() => subgraph.stop());
      return subgraph.start();
    });

    const ingestionSettings = loadConfig(ingestionConfig, environment);
    const ingestion = await timed('ingestion subgraph', async () => {
      const subgraph = await createIngestionSubgraph({
        config: ingestionSettings,
        logger: loggerFor('ingestion'),
        engine: engineConnection,
        kafkaBrokers: kafka.brokers,
      });
      stops.push(() => subgraph.stop());
      return subgraph.start();
    });

    const worker = await timed('ingestion worker', async () => {
      const created = await createIngestionWorker({
        config: ingestionSettings,
        logger: loggerFor('worker'),
        engine: engineConnection,
        kafkaBrokers: kafka.brokers,
      });
      stops.push(() => created.stop());
      return created.start();
    });

    const gateway: Gateway = await timed('gateway', async () => {
      const created = createGateway({
        config: loadConfig(gatewayConfigSpec, environment),
        // The supergraph records the default ports; point it at where the
        // subgraphs really listen.
        subgraphUrls: { query: `${query.url}/graphql`, ingestion: `${ingestion.url}/graphql` },
        // The change feed behind subscriptions: the broker the stack runs on.
        kafkaBrokers: kafka.brokers,
        logger: loggerFor('gateway'),
      });
      stops.push(() => created.stop());
      await created.start();
      return created;
    });

    return {
      services,
      gatewayUrl: gateway.url ?? '',
      queryUrl: `${query.url}/graphql`,
      ingestionUrl: `${ingestion.url}/graphql`,
      workerUrl: worker.url,
      timings,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

/** Stops in reverse start order: the gateway first, the engine and broker last. */
async function stopAll(stops: readonly (() => Promise<void>)[]): Promise<void> {
  for (const stop of [...stops].reverse()) {
    await stop().catch(() => undefined);
  }
}
