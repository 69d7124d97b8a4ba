import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ddlStatements, GraphClient } from '@memgate/cypher';
import { createIngestionSubgraph, ingestionConfig, ingestionTopics } from '@memgate/ingestion';
import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { startServices, type RunningServices } from '@memgate/platform/launcher';
import { Kafka, logLevel } from 'kafkajs';
import neo4j, { type Driver } from 'neo4j-driver';
import { formatBytes, formatMs, formatRate } from '../lib/format.js';
import { machineInfo } from '../lib/machine-info.js';
import { parseDurationMs, parsePositiveInt, required } from '../lib/option-values.js';
import { resultFiles, writeResultsJson, writeText } from '../lib/results-files.js';
import { formatTable } from '../lib/table.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import {
  BENCH_MAPPING,
  BENCH_SDL,
  DIRECT_LABEL,
  PIPELINE_LABEL,
  recordSplit,
} from './ingest/bench-model.js';
import { writeDirect, type DirectResult } from './ingest/direct-writer.js';
import { runPipeline, type PipelineResult } from './ingest/pipeline-run.js';
import { PHASE_COLUMNS, perSecond, throughputChart, type PhaseRow } from './ingest/report.js';
import { measureVisibility, type VisibilityResult } from './ingest/visibility-latency.js';
import { startWorkerChild, type WorkerChild } from './ingest/worker-child.js';

const NAME = 'ingest';
const RECEIPT_LABEL = 'MemgateBenchReceipt';
const OFFSET_LABEL = 'MemgateBenchOffset';

interface Config {
  readonly records: number;
  readonly batch: number;
  readonly partitions: number;
  readonly concurrency: number;
  readonly rate: number;
  readonly latencyMs: number;
  readonly keep: boolean;
  readonly profileDir: string | undefined;
}

function parseConfig(options: ScenarioContext['options']): Config {
  return {
    records: parsePositiveInt('records', required(options, 'records')),
    batch: parsePositiveInt('batch', required(options, 'batch')),
    partitions: parsePositiveInt('partitions', required(options, 'partitions')),
    concurrency: parsePositiveInt('concurrency', required(options, 'concurrency')),
    rate: parsePositiveInt('rate', required(options, 'rate')),
    latencyMs: parseDurationMs('latency-duration', required(options, 'latency-duration')),
    keep: options.keep !== undefined,
    profileDir: options.profile,
  };
}

/**
 * The ingestion pipeline against the engine's own bulk write, on one
 * engine in one run: N records (half nodes, half relationships) through
 * REST/mutations → Kafka → a worker → the graph, and the same rows written
 * straight with hand-batched `UNWIND … MERGE` of the worker's batch size.
 * Also: how fast Kafka accepts records, the worker's peak RSS (it runs in
 * its own process), and acceptance-to-visibility latency at a steady rate.
 */
export const ingest: Scenario = {
  name: NAME,
  description:
    'Ingestion pipeline (REST/mutations → Kafka → worker) vs direct UNWIND MERGE: throughput, worker RSS, acceptance rate, end-to-end latency.',
  options: {
    records: { description: 'Records, half nodes and half relationships.', default: '1000000' },
    batch: { description: 'Rows per transaction, on both sides.', default: '5000' },
    partitions: { description: 'Partitions of the pipeline topics.', default: '6' },
    concurrency: {
      description: 'Partitions the worker writes at once (MEMGATE_WORKER_CONCURRENCY).',
      default: '2',
    },
    rate: { description: 'Records per second of the latency phase.', default: '200' },
    'latency-duration': { description: 'Length of the latency phase.', default: '15s' },
    keep: { description: 'Keep the written graph and topics afterwards.' },
    profile: {
      description: 'Write CPU profiles of the worker process under this folder (*.cpuprofile).',
    },
  },
  run,
};

async function run(context: ScenarioContext): Promise<void> {
  const config = parseConfig(context.options);
  const startedAt = new Date();
  const machine = machineInfo();
  const counts = recordSplit(config.records);
  const stamp = startedAt.getTime().toString(36);
  const prefix = `memgate.bench-${stamp}.`;
  let services: RunningServices | undefined;
  let driver: Driver | undefined;
  let graph: GraphClient | undefined;
  let worker: WorkerChild | undefined;
  let stopSubgraph: (() => Promise<void>) | undefined;
  const dir = await mkdtemp(join(tmpdir(), 'memgate-bench-ingest-'));
  try {
    context.log(
      'ingest: starting the engine and the broker (MEMGRAPH_URI / KAFKA_BROKERS when set)…',
    );
    services = await startServices();
    const { engine, kafka } = services;
    if (!engine || !kafka) throw new Error('the launcher returned no engine or broker');
    const auth = engine.user ? neo4j.auth.basic(engine.user, engine.password ?? '') : undefined;
    driver = neo4j.driver(engine.uri, auth, {
      logging: { level: 'error', logger: () => undefined },
    });
    graph = await GraphClient.connect(engine, { timeoutMs: 600_000 });
    for (const statement of ddlStatements(graph.engine, [
      { label: DIRECT_LABEL, property: 'id', unique: true },
    ])) {
      await graph.runSchemaStatement(statement);
    }

    context.log(
      `ingest: direct UNWIND MERGE of ${counts.nodes} nodes and ${counts.links} relationships…`,
    );
    const direct = await writeDirect(driver, counts, config.batch, context.signal);

    const environment = await pipelineEnvironment(dir, config, prefix, engine, kafka.brokers);
    const ingestion = loadConfig(ingestionConfig, environment);
    const logger = createLogger({ service: 'bench-ingestion', level: 'warn' });
    const subgraph = await createIngestionSubgraph({
      config: ingestion,
      logger,
      engine,
      kafkaBrokers: kafka.brokers,
    });
    stopSubgraph = () => subgraph.stop();
    const url = (await subgraph.start()).url;
    worker = await startWorkerChild(environment, config.profileDir);

    context.log('ingest: the same records through the pipeline…');
    const pipeline = await runPipeline(url, graph, counts, context.signal);
    context.log(`ingest: latency at ${config.rate} records/s for ${config.latencyMs / 1000} s…`);
    const visibility = await measureVisibility({
      url,
      brokers: kafka.brokers,
      changesTopic: ingestionTopics(prefix).changes,
      rate: config.rate,
      durationMs: config.latencyMs,
      signal: context.signal,
    });
    const workerMemory = worker.memory();
    await report(context, {
      config,
      startedAt,
      machine,
      counts,
      direct,
      pipeline,
      visibility,
      workerMemory,
    });
  } finally {
    await worker?.stop().catch(() => undefined);
    await stopSubgraph?.().catch(() => undefined);
    if (!config.keep && graph) {
      context.log('ingest: removing the benchmark graph and topics…');
      await removeAll(graph, [DIRECT_LABEL, PIPELINE_LABEL, RECEIPT_LABEL, OFFSET_LABEL]);
      if (services?.kafka) await removeTopics(services.kafka.brokers, prefix);
    }
    await graph?.close();
    await driver?.close();
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The ingestion services' configuration: the bench graph and mapping, topics and labels of this run. */
async function pipelineEnvironment(
  dir: string,
  config: Config,
  prefix: string,
  engine: { uri: string; user: string | undefined; password: string | undefined },
  brokers: readonly string[],
): Promise<Record<string, string>> {
  const schemaPath = join(dir, 'bench.graphql');
  const mappingsDir = join(dir, 'mappings');
  await writeFile(schemaPath, BENCH_SDL);
  await mkdir(mappingsDir);
  await writeFile(join(mappingsDir, 'bench-items.yaml'), BENCH_MAPPING);
  return {
    LOG_LEVEL: 'warn',
    MEMGRAPH_URI: engine.uri,
    ...(engine.user !== undefined && { MEMGRAPH_USER: engine.user }),
    ...(engine.password !== undefined && { MEMGRAPH_PASSWORD: engine.password }),
    KAFKA_BROKERS: brokers.join(','),
    MEMGATE_INGESTION_PORT: '0',
    MEMGATE_WORKER_PORT: '0',
    MEMGATE_GRAPH_SCHEMA_PATH: schemaPath,
    MEMGATE_INGESTION_MAPPINGS_DIR: mappingsDir,
    MEMGATE_KAFKA_TOPIC_PREFIX: prefix,
    MEMGATE_KAFKA_PARTITIONS: String(config.partitions),
    MEMGATE_WORKER_GROUP_ID: `${prefix}writers`,
    MEMGATE_WORKER_BATCH_MAX: String(config.batch),
    MEMGATE_WORKER_CONCURRENCY: String(config.concurrency),
    MEMGATE_RECEIPT_LABEL: RECEIPT_LABEL,
    MEMGATE_OFFSET_LABEL: OFFSET_LABEL,
  };
}

async function removeAll(graph: GraphClient, labels: readonly string[]): Promise<void> {
  for (const label of labels) {
    for (;;) {
      const [record] = await graph.write({
        text: `MATCH (n:${label}) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n`,
        params: {},
      });
      if (Number(record?.get('n') ?? 0) === 0) break;
    }
  }
}

async function removeTopics(brokers: readonly string[], prefix: string): Promise<void> {
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

interface Run {
  readonly config: Config;
  readonly startedAt: Date;
  readonly machine: ReturnType<typeof machineInfo>;
  readonly counts: { nodes: number; links: number };
  readonly direct: DirectResult;
  readonly pipeline: PipelineResult;
  readonly visibility: VisibilityResult;
  readonly workerMemory: ReturnType<WorkerChild['memory']>;
}

async function report(context: ScenarioContext, run: Run): Promise<void> {
  const { counts, direct, pipeline, visibility } = run;
  const directRows: PhaseRow[] = [
    { path: 'direct', phase: 'nodes', records: counts.nodes, ms: direct.nodesMs },
    { path: 'direct', phase: 'relationships', records: counts.links, ms: direct.linksMs },
    {
      path: 'direct',
      phase: 'total',
      records: counts.nodes + counts.links,
      ms: direct.nodesMs + direct.linksMs,
    },
  ];
  const pipelineMs = [pipeline.nodesMs, pipeline.linksMs, pipeline.nodesMs + pipeline.linksMs];
  const pipelineRows: PhaseRow[] = directRows.map((row, index) => {
    const ms = pipelineMs[index] ?? 0;
    return {
      path: 'pipeline',
      phase: row.phase,
      records: row.records,
      ms,
      share: perSecond({ records: row.records, ms }) / perSecond(row),
    };
  });
  const rows = [...directRows, ...pipelineRows];
  const total = pipelineRows[2];
  const files = resultFiles(context.resultsDir, NAME, run.startedAt);
  await writeResultsJson(
    files.json,
    {
      scenario: NAME,
      startedAt: run.startedAt,
      config: run.config,
      results: {
        aborted: context.signal.aborted,
        rows,
        acceptance: { nodes: pipeline.nodeAcceptance, relationships: pipeline.linkAcceptance },
        visibility,
        workerMemory: run.workerMemory,
        progress: { direct: direct.progress, pipeline: pipeline.progress },
      },
    },
    run.machine,
  );
  await writeText(files.svg('throughput'), throughputChart(direct.progress, pipeline.progress));
  const rate = (acceptance: { records: number; ms: number }) =>
    formatRate(perSecond({ records: acceptance.records, ms: acceptance.ms }));
  context.out(
    [
      '',
      `ingest — ${formatRate(counts.nodes + counts.links)} records (${formatRate(counts.nodes)} nodes, ${formatRate(counts.links)} relationships), ${run.config.batch} rows per transaction, ${run.config.partitions} partitions, one worker writing ${run.config.concurrency} at once`,
      `machine: ${run.machine.cpuModel} ×${run.machine.cpuCount}, Node ${run.machine.nodeVersion}, load average ${(run.machine.loadAverage[0] ?? 0).toFixed(2)} before the run`,
      '',
      formatTable(PHASE_COLUMNS, rows),
      ...(context.signal.aborted ? ['(interrupted: the figures are partial)'] : []),
      '',
      `pipeline throughput: ${((total?.share ?? 0) * 100).toFixed(0)} % of the direct write (goal ≥ 70 %)`,
      `producer acceptance (acknowledged by Kafka): nodes by REST NDJSON ${rate(pipeline.nodeAcceptance)} records/s, relationships by connect mutations ${rate(pipeline.linkAcceptance)} records/s`,
      `worker peak RSS: ${formatBytes(run.workerMemory.peakRssBytes)} (peak heap ${formatBytes(run.workerMemory.peakHeapUsedBytes)})`,
      `acceptance → visibility at ${visibility.rate} records/s: p50 ${formatMs(visibility.latency.p50Ms)} ms, p99 ${formatMs(visibility.latency.p99Ms)} ms, max ${formatMs(visibility.latency.maxMs)} ms (${visibility.seen} of ${visibility.sent} seen)`,
      `results: ${files.json}`,
      `plot:    ${files.svg('throughput')}`,
      '',
    ].join('\n'),
  );
}
