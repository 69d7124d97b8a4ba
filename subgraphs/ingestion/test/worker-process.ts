import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IsolatedPipeline } from './ingestion-harness.js';

const WORKER_MAIN = fileURLToPath(new URL('../src/server/worker-main.ts', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it logged, for failure messages. */
  readonly log: string[];
}

/**
 * A writer worker in a process of its own (`worker-main.ts`, as in
 * production), configured like the test's pipeline, so a test can SIGKILL
 * it in the middle of a batch: no clean-up code runs, as in a real crash.
 */
export function startWorkerProcess(
  pipeline: Pick<IsolatedPipeline, 'environment' | 'engine' | 'kafkaBrokers'>,
): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=memgate-source', '--import', 'tsx', WORKER_MAIN],
    {
      env: {
        ...process.env,
        ...pipeline.environment,
        LOG_LEVEL: 'warn',
        MEMGRAPH_URI: pipeline.engine.uri,
        ...(pipeline.engine.user !== undefined && { MEMGRAPH_USER: pipeline.engine.user }),
        ...(pipeline.engine.password !== undefined && {
          MEMGRAPH_PASSWORD: pipeline.engine.password,
        }),
        KAFKA_BROKERS: pipeline.kafkaBrokers.join(','),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: string[] = [];
  const keep = (data: Buffer) => {
    log.push(...data.toString('utf8').trimEnd().split('\n'));
    log.splice(0, Math.max(0, log.length - 50));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, log };
}
