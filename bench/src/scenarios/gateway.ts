import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GraphClient } from '@memgate/cypher';
import { startServices, type RunningServices } from '@memgate/platform/launcher';
import { schemaPaths } from '@memgate/schema';
import { runInterleaved } from '../lib/interleaved-load.js';
import type { Operation } from '../lib/load-driver.js';
import { machineInfo } from '../lib/machine-info.js';
import {
  parseChoiceList,
  parseDurationMs,
  parsePositiveInt,
  parsePositiveIntList,
  required,
} from '../lib/option-values.js';
import { resultFiles, writeResultsJson, writeText } from '../lib/results-files.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { waitForGroupCoordinator } from './gateway/broker-warm-up.js';
import { startChild, type ChildProcess } from '../lib/child-process.js';
import { GraphQLClient } from './gateway/graphql-client.js';
import {
  OPERATION_KEYS,
  OPERATIONS,
  upsert,
  type OperationKey,
  type Subjects,
} from './gateway/operations.js';
import { latencyChart, renderReport, type LoadRow, type Peer } from './gateway/report.js';
import { removeSeed, seedGraph } from './gateway/seed.js';
import { supergraphAt } from './gateway/supergraph-file.js';

const NAME = 'gateway';
/** Receipts the cross-subgraph read rotates over, five people each. */
const RECEIPTS = 16;

interface Config {
  readonly people: number;
  readonly knows: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly concurrency: readonly number[];
  readonly rounds: number;
  readonly operations: readonly OperationKey[];
  readonly profileDir: string | undefined;
}

function parseConfig(options: ScenarioContext['options']): Config {
  return {
    people: parsePositiveInt('people', required(options, 'people')),
    knows: parsePositiveInt('knows', required(options, 'knows')),
    durationMs: parseDurationMs('duration', required(options, 'duration')),
    warmupMs: parseDurationMs('warmup', required(options, 'warmup')),
    concurrency: parsePositiveIntList('concurrency', required(options, 'concurrency')),
    rounds: parsePositiveInt('rounds', required(options, 'rounds')),
    operations: parseChoiceList('operations', required(options, 'operations'), OPERATION_KEYS),
    profileDir: options.profile,
  };
}

/**
 * Our gateway side by side with Hive Gateway and with no gateway at all, on
 * the same supergraph and the same real subgraphs: each gateway in its own
 * process, the subgraphs in a third, the peers taking turns.
 */
export const gateway: Scenario = {
  name: NAME,
  description:
    'Memgate gateway vs Hive Gateway vs the subgraph called directly: req/s, p50/p99, added latency.',
  options: {
    people: { description: 'Person nodes in the benchmark graph.', default: '200' },
    knows: { description: 'KNOWS relationships per person.', default: '5' },
    duration: { description: 'Measured load per operation and peer.', default: '10s' },
    warmup: {
      // 3 s left the engine's JIT cold for the first operation measured (one-hop): on a fresh
      // engine its direct p50 read 2.4 ms against 0.95 ms once warm, and every gap with it.
      description: 'Unmeasured load before each peer’s first turn.',
      default: '10s',
    },
    concurrency: {
      description:
        'Requests in flight, one run each: 1 shows the latency a gateway adds, more its throughput.',
      default: '1,8',
    },
    rounds: {
      description: 'Turns per operation: the peers take turns this many times.',
      default: '5',
    },
    operations: {
      description: `Which operations, of ${OPERATION_KEYS.join(', ')}.`,
      default: OPERATION_KEYS.join(','),
    },
    profile: {
      description:
        'Write CPU profiles of each gateway process under this folder (<peer>/*.cpuprofile, one per thread).',
    },
  },
  run,
};

async function run(context: ScenarioContext): Promise<void> {
  const config = parseConfig(context.options);
  const startedAt = new Date();
  const machine = machineInfo();
  const children: ChildProcess[] = [];
  let services: RunningServices | undefined;
  let client: GraphClient | undefined;
  const http = new GraphQLClient(Math.max(...config.concurrency));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-bench-gateway-'));
  try {
    context.log('gateway: starting the engine and the broker…');
    services = await startServices();
    const { engine, kafka } = services;
    if (!engine || !kafka) throw new Error('the launcher returned no engine or broker');
    await waitForGroupCoordinator(kafka.brokers);
    const run = `gwbench-${startedAt.getTime().toString(36)}`;
    const subgraphs = await startChild(
      'subgraphs',
      new URL('./gateway/subgraphs-process.ts', import.meta.url),
      [],
      {
        MEMGRAPH_URI: engine.uri,
        MEMGRAPH_USER: engine.user ?? '',
        MEMGRAPH_PASSWORD: engine.password ?? '',
        KAFKA_BROKERS: kafka.brokers.join(','),
        MEMGATE_KAFKA_TOPIC_PREFIX: `${run}.`,
        MEMGATE_WORKER_GROUP_ID: run,
        LOG_LEVEL: 'warn',
      },
    );
    children.push(subgraphs);
    const urls = subgraphs.ready.urls ?? {};
    const queryUrl = urls['query'] ?? '';

    context.log('gateway: seeding the graph…');
    client = await GraphClient.connect(engine, { timeoutMs: 60_000 });
    await seedGraph(client, { people: config.people, knows: config.knows });
    // Straight to the ingestion subgraph, so the worker writes them while the rest starts.
    const receiptIds: string[] = [];
    for (let r = 0; r < Math.min(RECEIPTS, Math.floor(config.people / 5)); r += 1) {
      const { data } = await http.post(urls['ingestion'] ?? '', upsert(r));
      receiptIds.push((data as { upsertPeople: { id: string } }).upsertPeople.id);
    }
    const subjects: Subjects = { people: config.people, receiptIds };

    // One supergraph file for both gateways, pointing at where the subgraphs listen.
    const supergraphPath = path.join(dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      supergraphAt(await readFile(schemaPaths.supergraph, 'utf8'), urls),
    );
    context.log('gateway: starting Memgate gateway and Hive Gateway, each in its own process…');
    const gatewayEnv = { MEMGATE_SUPERGRAPH_PATH: supergraphPath, LOG_LEVEL: 'warn' };
    const profile = (peer: string): string[] =>
      config.profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${path.join(config.profileDir, peer)}`]
        : [];
    const memgate = await startChild(
      'memgate gateway',
      new URL('./gateway/gateway-process.ts', import.meta.url),
      ['memgate'],
      {
        ...gatewayEnv,
        MEMGATE_GATEWAY_PORT: '0',
        MEMGATE_ENV: 'development',
        MEMGATE_AUTH: 'off',
        // Limits stay on; one client sends all load, so its rate limit is set out of reach.
        MEMGATE_RATE_LIMIT_PER_SECOND: '1000000000',
        MEMGATE_RATE_LIMIT_BURST: '1000000000',
        KAFKA_BROKERS: '',
      },
      profile('memgate'),
    );
    children.push(memgate);
    const hive = await startChild(
      'hive gateway',
      new URL('./gateway/gateway-process.ts', import.meta.url),
      ['hive'],
      gatewayEnv,
      profile('hive'),
    );
    children.push(hive);
    const gatewayUrls: Record<Exclude<Peer, 'direct to subgraph'>, string> = {
      'memgate gateway': memgate.ready.url ?? '',
      'hive gateway': hive.ready.url ?? '',
    };

    for (const receiptId of receiptIds) {
      await receiptWritten(http, gatewayUrls['memgate gateway'], receiptId, context);
    }
    await checkSameAnswers(http, queryUrl, gatewayUrls, subjects, config.operations);

    const loads: LoadRow[] = [];
    for (const concurrency of config.concurrency) {
      for (const key of config.operations) {
        if (context.signal.aborted) break;
        const operation = OPERATIONS[key];
        const request = (n: number) => operation.request(subjects, n);
        const contenders: Partial<Record<Peer, Operation>> = {
          ...(operation.direct && { 'direct to subgraph': http.operation(queryUrl, request) }),
          'memgate gateway': http.operation(gatewayUrls['memgate gateway'], request),
          'hive gateway': http.operation(gatewayUrls['hive gateway'], request),
        };
        context.log(
          `  ${key}, ${concurrency} in flight: ${Object.keys(contenders).join(', ')} in turns…`,
        );
        const results = await runInterleaved(contenders as Record<Peer, Operation>, {
          concurrency,
          durationMs: config.durationMs,
          rounds: config.rounds,
          warmupMs: config.warmupMs,
          signal: context.signal,
        });
        for (const [peer, result] of Object.entries(results) as [Peer, LoadRow][]) {
          loads.push({ ...result, operation: key, peer });
        }
      }
    }
    const memory = Object.fromEntries(
      [memgate, hive, subgraphs].map((child) => [
        child.name,
        Math.max(0, ...child.messages.map((message) => message.rss ?? 0)),
      ]),
    );

    const files = resultFiles(context.resultsDir, NAME, startedAt);
    await writeResultsJson(
      files.json,
      {
        scenario: NAME,
        startedAt,
        config: { ...config, engine: { uri: engine.uri, external: engine.external } },
        results: {
          loads: loads.map(({ series: _series, ...row }) => row),
          peakRssBytes: memory,
          aborted: context.signal.aborted,
        },
      },
      machine,
    );
    await writeText(files.svg('latency'), latencyChart(loads));
    context.out(
      renderReport({
        loads,
        memory,
        machine,
        config,
        files: { json: files.json, svg: files.svg('latency') },
      }),
    );
  } finally {
    for (const child of children.reverse()) await child.close().catch(() => undefined);
    await http.close();
    if (client) await removeSeed(client).catch(() => undefined);
    await client?.close();
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until the worker has written the upserted people, so the
 * cross-subgraph read finds its receipt complete (asked through our gateway).
 */
async function receiptWritten(
  http: GraphQLClient,
  url: string,
  receiptId: string,
  context: ScenarioContext,
): Promise<void> {
  const request = OPERATIONS['both-subgraphs'].request({ people: 0, receiptIds: [receiptId] }, 0);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { data } = await http.post(url, request);
    const receipt = (data as { ingestionReceipt: { status: string; people: unknown[] } | null })
      .ingestionReceipt;
    if (receipt?.status === 'COMPLETED' && receipt.people.length > 0) return;
    if (Date.now() > deadline) {
      throw new Error(`receipt ${receiptId} did not complete: ${JSON.stringify(receipt)}`);
    }
    context.log(`  waiting for receipt ${receiptId} (${receipt?.status ?? 'not found'})…`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** Every peer must answer each operation with the same data, or the comparison means nothing. */
async function checkSameAnswers(
  http: GraphQLClient,
  queryUrl: string,
  gatewayUrls: Readonly<Record<string, string>>,
  subjects: Subjects,
  keys: readonly OperationKey[],
): Promise<void> {
  for (const key of keys) {
    const operation = OPERATIONS[key];
    const request = operation.request(subjects, 1);
    const urls = [...(operation.direct ? [queryUrl] : []), ...Object.values(gatewayUrls)];
    const answers = await Promise.all(
      urls.map(async (url) => JSON.stringify((await http.post(url, request)).data)),
    );
    if (new Set(answers).size !== 1) {
      throw new Error(`the peers disagree on ${key}:\n${answers.join('\n')}`);
    }
  }
}
