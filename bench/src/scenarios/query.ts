import { GraphClient } from '@memgate/cypher';
import { applyIndexPlan, parseGraphModel } from '@memgate/graph-model';
import { startServices, type RunningServices } from '@memgate/platform/launcher';
import { runInterleaved } from '../lib/interleaved-load.js';
import { machineInfo } from '../lib/machine-info.js';
import type { MemoryReport } from '../lib/memory-sampler.js';
import {
  parseChoiceList,
  parseDurationMs,
  parsePositiveInt,
  required,
} from '../lib/option-values.js';
import { resultFiles, writeResultsJson, writeText } from '../lib/results-files.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import {
  generateBenchGraph,
  MEMGATE_SDL,
  removeBenchGraph,
  settleEngine,
  type GraphCounts,
} from './query/bench-graph.js';
import {
  measureTransfer,
  startHandWritten,
  startPeerProcess,
  type PeerProcess,
  type Server,
  type Transfer,
} from './query/end-to-end.js';
import { OPERATION_KEYS, OPERATIONS, type OperationKey } from './query/operations.js';
import { latencyChart, renderReport, type LoadRow, type TransferRow } from './query/report.js';
import {
  memgateTranslator,
  neo4jGraphqlTranslator,
  timeTranslation,
  type TranslationResult,
} from './query/translation.js';

const NAME = 'query';

interface Config {
  readonly people: number;
  readonly organizations: number;
  readonly documents: number;
  readonly knowsPerPerson: number;
  readonly iterations: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly operations: readonly OperationKey[];
  readonly keep: boolean;
  readonly profileDir: string | undefined;
}

function parseConfig(options: ScenarioContext['options']): Config {
  return {
    people: parsePositiveInt('people', required(options, 'people')),
    organizations: parsePositiveInt('organizations', required(options, 'organizations')),
    documents: parsePositiveInt('documents', required(options, 'documents')),
    knowsPerPerson: parsePositiveInt('knows', required(options, 'knows')),
    iterations: parsePositiveInt('iterations', required(options, 'iterations')),
    durationMs: parseDurationMs('duration', required(options, 'duration')),
    warmupMs: parseDurationMs('warmup', required(options, 'warmup')),
    concurrency: parsePositiveInt('concurrency', required(options, 'concurrency')),
    rounds: parsePositiveInt('rounds', required(options, 'rounds')),
    operations: parseChoiceList('operations', required(options, 'operations'), OPERATION_KEYS),
    keep: options.keep !== undefined,
    profileDir: options.profile,
  };
}

/**
 * The query subgraph side by side with its peers, on one engine and one
 * generated graph: translation time against @neo4j/graphql, end-to-end
 * latency and throughput against @neo4j/graphql and the same reads
 * hand-written in Cypher, and what each sends and gets back.
 */
export const query: Scenario = {
  name: NAME,
  description:
    'Query subgraph vs @neo4j/graphql vs hand-written Cypher: translation, latency, round trips, memory.',
  options: {
    people: { description: 'Person nodes.', default: '70000' },
    organizations: { description: 'Organization nodes.', default: '10000' },
    documents: { description: 'Document nodes.', default: '20000' },
    knows: { description: 'KNOWS relationships per person.', default: '6' },
    iterations: { description: 'Timed translations per operation and peer.', default: '2000' },
    duration: { description: 'Measured load per operation and peer.', default: '10s' },
    warmup: { description: 'Unmeasured load before each case.', default: '3s' },
    concurrency: { description: 'Requests in flight during the load phase.', default: '8' },
    rounds: { description: 'Turns per case: the peers take turns this many times.', default: '5' },
    operations: {
      description: `Which operations, of ${OPERATION_KEYS.join(', ')}.`,
      default: OPERATION_KEYS.join(','),
    },
    keep: { description: 'Keep the generated graph in the engine afterwards.' },
    profile: {
      description:
        'Write CPU profiles of each GraphQL peer process under this folder (<peer>/*.cpuprofile).',
    },
  },
  run,
};

async function run(context: ScenarioContext): Promise<void> {
  const config = parseConfig(context.options);
  const startedAt = new Date();
  const machine = machineInfo();
  let services: RunningServices | undefined;
  let client: GraphClient | undefined;
  const servers: Server[] = [];
  try {
    context.log('query: starting the engine (MEMGRAPH_URI when set, else a local one)…');
    services = await startServices({ kafka: false });
    const engine = services.engine;
    if (!engine) throw new Error('the launcher returned no engine');
    client = await GraphClient.connect(engine, { timeoutMs: 600_000 });
    await applyIndexPlan(client, parseGraphModel(MEMGATE_SDL));
    context.log('query: generating the graph…');
    const generateStarted = performance.now();
    const counts = await generateBenchGraph(client, config, context.log);
    await settleEngine(client);
    context.log(
      `query: ${counts.nodes} nodes, ${counts.relationships} relationships in ${((performance.now() - generateStarted) / 1000).toFixed(0)} s`,
    );

    const operations = config.operations.map((key) => OPERATIONS[key]);
    context.log('query: timing translation…');
    const memgate = await memgateTranslator();
    const neo4jGraphql = await neo4jGraphqlTranslator();
    const translations: TranslationResult[] = [];
    for (const operation of operations) {
      translations.push(
        await timeTranslation('memgate', memgate, operation, operation.memgate, config.iterations),
      );
      translations.push(
        await timeTranslation(
          '@neo4j/graphql',
          neo4jGraphql,
          operation,
          operation.neo4jGraphql,
          config.iterations,
        ),
      );
    }

    context.log('query: measuring round trips and rows…');
    const transfers: TransferRow[] = [];
    for (const operation of operations) {
      const of = (peer: TranslationResult['peer']) =>
        translations.find((t) => t.peer === peer && t.operation === operation.key)?.statements ??
        [];
      const rows: [TransferRow['peer'], Transfer][] = [
        ['memgate subgraph', await measureTransfer(engine, of('memgate'))],
        ['@neo4j/graphql', await measureTransfer(engine, of('@neo4j/graphql'))],
        ['hand-written Cypher', await measureTransfer(engine, [operation.cypher])],
      ];
      for (const [peer, transfer] of rows)
        transfers.push({ operation: operation.key, peer, ...transfer });
    }

    context.log(
      `query: load, ${config.concurrency} in flight, ${config.durationMs / 1000} s per case…`,
    );
    const memgateProcess: PeerProcess = await startPeerProcess(
      'memgate subgraph',
      engine,
      config.profileDir,
    );
    servers.push(
      memgateProcess,
      await startPeerProcess('@neo4j/graphql', engine, config.profileDir),
      await startPeerProcess('hand-written resolvers', engine, config.profileDir),
      startHandWritten(engine),
    );
    const loads: LoadRow[] = [];
    for (const operation of operations) {
      if (context.signal.aborted) break;
      context.log(
        `  ${operation.key}: ${servers.map((server) => server.peer).join(', ')} in turns…`,
      );
      const contenders = Object.fromEntries(
        servers.map((server) => [server.peer, server.request(operation)]),
      );
      const results = await runInterleaved(contenders, {
        concurrency: config.concurrency,
        durationMs: config.durationMs,
        rounds: config.rounds,
        warmupMs: config.warmupMs,
        signal: context.signal,
      });
      for (const server of servers) {
        const result = results[server.peer];
        if (result) loads.push({ operation: operation.key, peer: server.peer, ...result });
      }
    }
    const memory: MemoryReport = memgateProcess.memory();

    const files = resultFiles(context.resultsDir, NAME, startedAt);
    const results = {
      counts,
      translations: translations.map(({ statements, ...rest }) => ({
        ...rest,
        statements: statements.length,
      })),
      transfers,
      loads,
      subgraphMemory: memory,
      aborted: context.signal.aborted,
    };
    await writeResultsJson(
      files.json,
      {
        scenario: NAME,
        startedAt,
        config: { ...config, engine: { uri: engine.uri, external: engine.external } },
        results,
      },
      machine,
    );
    await writeText(files.svg('latency'), latencyChart(loads));
    context.out(
      renderReport({
        counts,
        translations,
        transfers,
        loads,
        memory,
        machine,
        config,
        files: { json: files.json, svg: files.svg('latency') },
      }),
    );
    if (!config.keep) await removeBenchGraph(client);
  } finally {
    for (const server of servers.reverse()) await server.close().catch(() => undefined);
    await client?.close();
    await services?.stop();
  }
}

export type { GraphCounts };
