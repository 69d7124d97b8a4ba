import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServices, type RunningServices } from '@memgate/platform/launcher';
import { machineInfo } from '../lib/machine-info.js';
import { parsePositiveInt, parsePositiveIntList, required } from '../lib/option-values.js';
import { resultFiles, writeResultsJson, writeText } from '../lib/results-files.js';
import { settledMemory } from '../lib/settled-memory.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { waitForGroupCoordinator } from './gateway/broker-warm-up.js';
import { startChild, type ChildMessage, type ChildProcess } from '../lib/child-process.js';
import { ChangeProducer } from './subscriptions/change-producer.js';
import { fanOutChart, renderReport, type FanOutRow, type IdleRow } from './subscriptions/report.js';
import { supergraphWithSubscriptions } from './subscriptions/supergraph.js';

const NAME = 'subscriptions';

/** What every subscriber asks for: changes to people, without a node to fetch. */
const SUBSCRIPTION = 'subscription Watch { graphChanged(types: ["Person"]) { kind typename key } }';

interface Config {
  readonly subscribers: readonly number[];
  readonly perConnection: readonly number[];
  readonly processes: number;
  readonly deliveries: number;
  readonly batch: number;
  readonly profileDir: string | undefined;
}

function parseConfig(options: ScenarioContext['options']): Config {
  return {
    subscribers: parsePositiveIntList('subscribers', required(options, 'subscribers')),
    perConnection: parsePositiveIntList('per-connection', required(options, 'per-connection')),
    processes: parsePositiveInt('processes', required(options, 'processes')),
    deliveries: parsePositiveInt('deliveries', required(options, 'deliveries')),
    batch: parsePositiveInt('batch', required(options, 'batch')),
    profileDir: options.profile,
  };
}

/**
 * Our gateway holding many idle graphql-ws subscribers (memory per
 * subscriber), then fanning changes from the Kafka changes topic out to all
 * of them (events delivered per second). The gateway runs in its own
 * process; the subscribers in others.
 */
export const subscriptions: Scenario = {
  name: NAME,
  description:
    'Gateway subscriptions: memory per idle subscriber, and events delivered per second to N subscribers.',
  options: {
    subscribers: { description: 'Subscriber counts to measure.', default: '1000,10000' },
    'per-connection': {
      description:
        'Subscriptions per WebSocket connection, one run each: 1 is a connection per subscriber.',
      default: '1,10',
    },
    processes: { description: 'Client processes the subscribers are spread over.', default: '2' },
    deliveries: {
      description: 'Events to deliver per count (changes produced × subscribers).',
      default: '300000',
    },
    batch: { description: 'Changes per Kafka produce request.', default: '50' },
    profile: {
      description: 'Write CPU profiles of the gateway process under this folder (one per thread).',
    },
  },
  run,
};

async function run(context: ScenarioContext): Promise<void> {
  const config = parseConfig(context.options);
  const startedAt = new Date();
  const machine = machineInfo();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-bench-subscriptions-'));
  let services: RunningServices | undefined;
  let producer: ChangeProducer | undefined;
  let clients: ChildProcess[] = [];
  try {
    context.log('subscriptions: starting the broker…');
    services = await startServices({ engine: false });
    const kafka = services.kafka;
    if (!kafka) throw new Error('the launcher returned no broker');
    await waitForGroupCoordinator(kafka.brokers);
    const prefix = `subbench-${startedAt.getTime().toString(36)}.`;
    producer = await ChangeProducer.connect(kafka.brokers, `${prefix}changes`);
    const supergraphPath = path.join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, supergraphWithSubscriptions());
    const startGateway = (): Promise<ChildProcess> =>
      startChild(
        'memgate gateway',
        new URL('./gateway/gateway-process.ts', import.meta.url),
        ['memgate'],
        {
          MEMGATE_SUPERGRAPH_PATH: supergraphPath,
          MEMGATE_GATEWAY_PORT: '0',
          MEMGATE_AUTH: 'off',
          // Every subscriber comes from one address: keep the per-client rate limit out of reach.
          MEMGATE_RATE_LIMIT_PER_SECOND: '1000000000',
          MEMGATE_RATE_LIMIT_BURST: '1000000000',
          KAFKA_BROKERS: kafka.brokers.join(','),
          MEMGATE_KAFKA_TOPIC_PREFIX: prefix,
          MEMGATE_SUBSCRIPTIONS_GROUP_PREFIX: prefix.slice(0, -1),
          LOG_LEVEL: 'warn',
        },
        [
          '--expose-gc',
          ...(config.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}`] : []),
        ],
      );
    const startFloor = (): Promise<ChildProcess> =>
      startChild(
        'graphql-ws floor',
        new URL('./subscriptions/graphql-ws-floor.ts', import.meta.url),
        [],
        {},
        ['--expose-gc'],
      );

    const idle: IdleRow[] = [];
    const fanOut: FanOutRow[] = [];
    const servers: readonly Server[] = [
      { name: 'memgate gateway', start: startGateway, fansOut: true },
      { name: 'graphql-ws floor', start: startFloor, fansOut: false },
    ];
    for (const perConnection of config.perConnection) {
      for (const subscribers of config.subscribers) {
        for (const server of servers) {
          if (context.signal.aborted) break;
          // A process of its own per case: RSS only tells growth from a fresh baseline.
          context.log(`  starting the ${server.name} in its own process…`);
          const child = await server.start();
          let measured: Awaited<ReturnType<typeof measureCount>>;
          try {
            const running = { server: server.name, child, producer, url: child.ready.url ?? '' };
            await warmUp(running);
            measured = await measureCount(
              running,
              { subscribers, perConnection, processes: config.processes, fanOut: server.fansOut },
              config,
              context,
              (started) => {
                clients = started;
              },
            );
          } finally {
            await child.close();
          }
          idle.push(measured.idle);
          if (measured.fanOut) fanOut.push(measured.fanOut);
          clients = [];
        }
      }
    }

    const files = resultFiles(context.resultsDir, NAME, startedAt);
    await writeResultsJson(
      files.json,
      {
        scenario: NAME,
        startedAt,
        config: { ...config, subscription: SUBSCRIPTION, broker: kafka.brokers },
        results: { idle, fanOut, aborted: context.signal.aborted },
      },
      machine,
    );
    await writeText(files.svg('fan-out'), fanOutChart(fanOut));
    context.out(
      renderReport({
        idle,
        fanOut,
        machine,
        processes: config.processes,
        subscription: SUBSCRIPTION,
        files: { json: files.json, svg: files.svg('fan-out') },
      }),
    );
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A subscription server measured: our gateway, or the bare graphql-ws floor it is compared with. */
interface Server {
  readonly name: IdleRow['server'];
  readonly start: () => Promise<ChildProcess>;
  /** The floor has no change feed: it is measured idle only. */
  readonly fansOut: boolean;
}

interface Running {
  readonly server: IdleRow['server'];
  readonly child: ChildProcess;
  readonly producer: ChangeProducer;
  readonly url: string;
}

interface Case {
  readonly subscribers: number;
  readonly perConnection: number;
  readonly processes: number;
  readonly fanOut: boolean;
}

/** One subscriber count: connect, measure idle memory, fan a burst out, disconnect. */
async function measureCount(
  { server, child: gateway, producer, url }: Running,
  { subscribers, perConnection, processes, fanOut: fansOut }: Case,
  config: Config,
  context: ScenarioContext,
  started: (clients: ChildProcess[]) => void,
): Promise<{ idle: IdleRow; fanOut: FanOutRow | undefined }> {
  const baseline = await collected(gateway);
  const settledBaseline = await settledMemory(baseline, () => collected(gateway));
  const connections = Math.ceil(subscribers / perConnection);
  context.log(
    `  ${subscribers} subscribers on ${connections} connections over ${processes} processes: connecting…`,
  );
  const clients = await Promise.all(
    spread(connections, processes).map((count, index) =>
      startChild(
        `subscribers ${index + 1}`,
        new URL('./subscriptions/subscriber-process.ts', import.meta.url),
        [
          url,
          String(Math.min(count * perConnection, subscribers)),
          SUBSCRIPTION,
          String(perConnection),
        ],
        {},
      ),
    ),
  );
  started(clients);
  try {
    await until(gateway, (sample) => sample.subscriptions === subscribers);
    // Changes reach a new subscription once the gateway's consumer has its partitions.
    await deliverOnce(producer, clients, subscribers);
    const held = await collected(gateway);
    const heldSettled = await settledMemory(held, () => collected(gateway));
    const growth = (after: ChildMessage, before: ChildMessage, of: 'rss' | 'heapUsed'): number =>
      ((after[of] ?? 0) - (before[of] ?? 0)) / subscribers;
    const idle: IdleRow = {
      server,
      subscribers,
      perConnection,
      rssBytesPerSubscriber: growth(held, baseline, 'rss'),
      heapBytesPerSubscriber: growth(held, baseline, 'heapUsed'),
      settledRssBytesPerSubscriber: growth(heldSettled.sample, settledBaseline.sample, 'rss'),
      settledHeapBytesPerSubscriber: growth(heldSettled.sample, settledBaseline.sample, 'heapUsed'),
      settleCollections: heldSettled.collections,
      rssBytes: held.rss ?? 0,
    };
    if (!fansOut) return { idle, fanOut: undefined };
    const changes = Math.max(1, Math.round(config.deliveries / subscribers));
    context.log(`  ${subscribers} subscribers: ${changes} changes fanned out…`);
    const cpuBefore = Number(heldSettled.sample['cpu'] ?? 0);
    const burst = await measureFanOut(producer, clients, subscribers, changes, config.batch);
    const cpuSeconds = (Number((await collected(gateway))['cpu'] ?? 0) - cpuBefore) / 1e6;
    const fanOut: FanOutRow = {
      ...burst,
      perConnection,
      gatewayCpuSeconds: cpuSeconds,
      eventsPerGatewayCpuSecond: cpuSeconds > 0 ? burst.delivered / cpuSeconds : 0,
    };
    return { idle, fanOut };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await until(gateway, (sample) => sample.subscriptions === 0);
  }
}

/**
 * A few subscribers come and go first, so what the first subscription
 * builds once per gateway (the event-shaping schema, caches, JIT code) is
 * not counted per subscriber. Our gateway also answers one query over HTTP
 * first, as any deployed one has (probes included): the first HTTP request
 * turns on the async context that carries request ids and traces, and on
 * Node 20 that costs every promise of the process from then on,
 * subscriptions' too.
 */
async function warmUp({ server, child: gateway, producer, url }: Running): Promise<void> {
  if (server === 'memgate gateway') {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    if (!answer.ok) throw new Error(`the gateway answered a query with ${answer.status}`);
  }
  const few = await startChild(
    'warm-up subscribers',
    new URL('./subscriptions/subscriber-process.ts', import.meta.url),
    [url, '10', SUBSCRIPTION, '1'],
    {},
  );
  try {
    await until(gateway, (sample) => sample.subscriptions === 10);
    await deliverOnce(producer, [few], 10);
  } finally {
    await few.close();
  }
  await until(gateway, (sample) => sample.subscriptions === 0);
}

/** `total` split over `parts` processes as evenly as whole numbers allow. */
function spread(total: number, parts: number): number[] {
  const used = Math.min(parts, total);
  return Array.from(
    { length: used },
    (_, index) => Math.floor(total / used) + (index < total % used ? 1 : 0),
  );
}

/** The gateway's memory right after a full garbage collection. */
async function collected(gateway: ChildProcess): Promise<ChildMessage> {
  gateway.send('gc');
  return gateway.next((message) => message['reply'] === 'gc');
}

async function until(
  child: ChildProcess,
  accept: (message: ChildMessage) => boolean,
  timeoutMs = 120_000,
): Promise<ChildMessage> {
  if (accept(child.latest())) return child.latest();
  return child.next(accept, timeoutMs);
}

async function totals(
  clients: readonly ChildProcess[],
): Promise<{ received: number; lastAt: number; closed: number }> {
  const samples = await Promise.all(
    clients.map((client) => {
      client.send('sample');
      return client.next((message) => message['reply'] === 'sample');
    }),
  );
  return {
    received: samples.reduce((sum, sample) => sum + (sample.received ?? 0), 0),
    lastAt: Math.max(0, ...samples.map((sample) => Number(sample['lastAt'] ?? 0))),
    closed: samples.reduce((sum, sample) => sum + (sample.closed ?? 0), 0),
  };
}

async function reset(clients: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    clients.map((client) => {
      client.send('reset');
      return client.next((message) => message['reply'] === 'reset');
    }),
  );
}

/** Sends probe changes until every subscriber has heard one; then zeroes the counts. */
async function deliverOnce(
  producer: ChangeProducer,
  clients: readonly ChildProcess[],
  subscribers: number,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await totals(clients)).received < subscribers) {
    if (Date.now() > deadline) throw new Error('the subscribers never heard a probe change');
    await producer.send(['probe']);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // Later probes may still be on their way: wait until nothing more arrives.
  let last = -1;
  for (let seen = (await totals(clients)).received; seen !== last;) {
    last = seen;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    seen = (await totals(clients)).received;
  }
  await reset(clients);
}

async function measureFanOut(
  producer: ChangeProducer,
  clients: readonly ChildProcess[],
  subscribers: number,
  changes: number,
  batch: number,
): Promise<Omit<FanOutRow, 'perConnection' | 'gatewayCpuSeconds' | 'eventsPerGatewayCpuSecond'>> {
  const expected = subscribers * changes;
  const startedAt = performance.timeOrigin + performance.now();
  for (let sent = 0; sent < changes; sent += batch) {
    const ids = Array.from(
      { length: Math.min(batch, changes - sent) },
      (_, index) => `fan-${sent + index}`,
    );
    await producer.send(ids);
  }
  const producedAt = performance.timeOrigin + performance.now();
  let seen = await totals(clients);
  let lastProgress = Date.now();
  let lastReceived = seen.received;
  // Done when everything arrived, or nothing more arrives for 10 s (dropped or lost).
  while (seen.received < expected && Date.now() - lastProgress < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await totals(clients);
    if (seen.received > lastReceived) {
      lastReceived = seen.received;
      lastProgress = Date.now();
    }
  }
  const seconds = (seen.lastAt - startedAt) / 1000;
  return {
    subscribers,
    changes,
    expected,
    delivered: seen.received,
    closedConnections: seen.closed,
    produceSeconds: (producedAt - startedAt) / 1000,
    seconds,
    eventsPerSecond: seconds > 0 ? seen.received / seconds : 0,
  };
}
