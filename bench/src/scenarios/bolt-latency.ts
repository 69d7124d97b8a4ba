import {
  startServices,
  type EngineEndpoint,
  type RunningServices,
} from '@memgate/platform/launcher';
import neo4j, { type Driver } from 'neo4j-driver';
import { formatBytes } from '../lib/format.js';
import { runLoad } from '../lib/load-driver.js';
import { machineInfo, type MachineInfo } from '../lib/machine-info.js';
import { startMemorySampler, type MemoryReport } from '../lib/memory-sampler.js';
import {
  parseChoiceList,
  parseDurationMs,
  parsePositiveInt,
  parsePositiveIntList,
  required,
} from '../lib/option-values.js';
import { resultFiles, writeResultsJson, writeText } from '../lib/results-files.js';
import { formatTable } from '../lib/table.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import {
  boltAddress,
  createProbes,
  PROBE_KEYS,
  type Probe,
  type ProbeKey,
} from './bolt-latency/probes.js';
import {
  latencyChart,
  TABLE_COLUMNS,
  throughputChart,
  type CaseResult,
} from './bolt-latency/report.js';

const NAME = 'bolt-latency';

interface Config {
  readonly durationMs: number;
  readonly concurrency: readonly number[];
  readonly warmupMs: number;
  readonly engineWarmupMs: number;
  readonly requests: number | undefined;
  readonly probes: readonly ProbeKey[];
}

function parseConfig(options: ScenarioContext['options']): Config {
  return {
    durationMs: parseDurationMs('duration', required(options, 'duration')),
    concurrency: parsePositiveIntList('concurrency', required(options, 'concurrency')),
    warmupMs: parseDurationMs('warmup', required(options, 'warmup')),
    engineWarmupMs: parseDurationMs('engine-warmup', required(options, 'engine-warmup')),
    requests:
      options.requests === undefined ? undefined : parsePositiveInt('requests', options.requests),
    probes: parseChoiceList('probes', required(options, 'probes'), PROBE_KEYS),
  };
}

/**
 * What one Bolt round trip costs, three ways side by side: the driver's
 * managed `executeQuery`, a long-lived session's `run`, and a bare TCP
 * connect to the same port as the floor no query can beat. It sizes the
 * per-request overhead every resolver pays before Cypher does any work.
 */
export const boltLatency: Scenario = {
  name: NAME,
  description:
    'RETURN 1 round trips: executeQuery vs session.run vs a bare TCP connect, at each concurrency.',
  options: {
    duration: { description: 'Measured time per probe and concurrency.', default: '5s' },
    concurrency: { description: 'Comma-separated worker counts.', default: '1,8' },
    // The local engine is a JVM: its JIT needs seconds, not a few hundred requests.
    warmup: { description: 'Unmeasured time before each case.', default: '2s' },
    // Without it the first cases measure a cold JIT (the engine's and ours)
    // and every later case looks faster than it is in comparison.
    'engine-warmup': {
      description: 'Unmeasured executeQuery load at concurrency 8 before the first case.',
      default: '10s',
    },
    requests: { description: 'Stop each case after this many requests (unset: duration only).' },
    probes: {
      description: `Which probes to run, of ${PROBE_KEYS.join(', ')}.`,
      default: PROBE_KEYS.join(','),
    },
  },
  run,
};

async function run(context: ScenarioContext): Promise<void> {
  // Flags are checked before anything starts: a typo must not cost an engine start.
  const config = parseConfig(context.options);
  const startedAt = new Date();
  // Before we add load: the machine's own business explains noisy runs.
  const machine = machineInfo();
  const memory = startMemorySampler();
  let services: RunningServices | undefined;
  let driver: Driver | undefined;
  try {
    context.log('bolt-latency: starting the engine (MEMGRAPH_URI when set, else a local one)…');
    services = await startServices({ kafka: false });
    const engine = services.engine;
    if (!engine) throw new Error('the launcher returned no engine');
    driver = connect(engine);
    const server = await driver.getServerInfo();
    context.log(
      `bolt-latency: ${server.agent ?? 'engine'} at ${engine.uri} (${engine.external ? 'external' : 'local'})`,
    );

    const results = await measureAll(driver, engine.uri, config, context);
    const memoryReport = memory.stop();
    await report(context, {
      config,
      startedAt,
      machine,
      engine,
      serverAgent: server.agent,
      results,
      memory: memoryReport,
    });
  } finally {
    memory.stop();
    await driver?.close();
    await services?.stop();
  }
}

function connect(engine: EngineEndpoint): Driver {
  const auth = engine.user ? neo4j.auth.basic(engine.user, engine.password ?? '') : undefined;
  return neo4j.driver(engine.uri, auth, { logging: { level: 'error', logger: () => undefined } });
}

async function measureAll(
  driver: Driver,
  uri: string,
  config: Config,
  context: ScenarioContext,
): Promise<CaseResult[]> {
  const probes = createProbes(driver, boltAddress(uri));
  await warmEngine(probes['execute-query'], config.engineWarmupMs, context);
  const results: CaseResult[] = [];
  for (const concurrency of config.concurrency) {
    for (const key of config.probes) {
      if (context.signal.aborted) return results;
      const probe = probes[key];
      context.log(`  ${probe.label} ×${concurrency}…`);
      const open = await probe.open(concurrency);
      try {
        const result = await runLoad(open.call, {
          concurrency,
          durationMs: config.durationMs,
          requests: config.requests,
          warmup: { durationMs: config.warmupMs },
          signal: context.signal,
        });
        results.push({ probe: probe.label, ...result });
      } finally {
        await open.close();
      }
    }
  }
  return results;
}

async function warmEngine(
  probe: Probe,
  durationMs: number,
  context: ScenarioContext,
): Promise<void> {
  context.log(`  warming up: ${probe.label} ×8 for ${durationMs / 1000} s…`);
  const open = await probe.open(8);
  try {
    await runLoad(open.call, { concurrency: 8, durationMs, signal: context.signal });
  } finally {
    await open.close();
  }
}

interface Run {
  readonly config: Config;
  readonly startedAt: Date;
  readonly machine: MachineInfo;
  readonly engine: EngineEndpoint;
  readonly serverAgent: string | undefined;
  readonly results: readonly CaseResult[];
  readonly memory: MemoryReport;
}

async function report(context: ScenarioContext, run: Run): Promise<void> {
  const files = resultFiles(context.resultsDir, NAME, run.startedAt);
  const { engine } = run;
  await writeResultsJson(
    files.json,
    {
      scenario: NAME,
      startedAt: run.startedAt,
      config: {
        ...run.config,
        engine: {
          uri: engine.uri,
          external: engine.external,
          readyAfterMs: engine.readyAfterMs,
          agent: run.serverAgent,
        },
      },
      results: { aborted: context.signal.aborted, cases: run.results, clientMemory: run.memory },
    },
    run.machine,
  );
  await writeText(files.svg('latency'), latencyChart(run.results));
  await writeText(files.svg('throughput'), throughputChart(run.results));

  const memory = `client memory: peak RSS ${formatBytes(run.memory.peakRssBytes)}, peak heap ${formatBytes(run.memory.peakHeapUsedBytes)}`;
  context.out(
    [
      '',
      `bolt-latency — ${run.serverAgent ?? 'engine'} at ${engine.uri}, ${run.config.durationMs / 1000} s per case, ${run.config.warmupMs / 1000} s warm-up each after ${run.config.engineWarmupMs / 1000} s for the engine`,
      `machine: ${run.machine.cpuModel} ×${run.machine.cpuCount}, Node ${run.machine.nodeVersion}, load average ${(run.machine.loadAverage[0] ?? 0).toFixed(2)} before the run`,
      '',
      formatTable(TABLE_COLUMNS, run.results),
      ...(context.signal.aborted
        ? ['(interrupted: the last case is partial, later ones did not run)']
        : []),
      '',
      memory,
      `results: ${files.json}`,
      `plots:   ${files.svg('latency')}, ${files.svg('throughput')}`,
      '',
    ].join('\n'),
  );
  const failed = run.results.find((r) => r.firstError !== undefined);
  if (failed)
    context.log(
      `warning: ${failed.probe} ×${failed.concurrency} had errors, first: ${failed.firstError ?? ''}`,
    );
}
