import { memoryOf, startChild } from '../../lib/child-process.js';
import type { MemoryReport } from '../../lib/memory-sampler.js';

export interface WorkerChild {
  memory(): MemoryReport;
  stop(): Promise<void>;
}

/**
 * Starts `worker-process.ts` with `environment` and waits until it consumes;
 * with `profileDir`, the worker writes CPU profiles there when it exits.
 */
export async function startWorkerChild(
  environment: Record<string, string>,
  profileDir?: string,
): Promise<WorkerChild> {
  const started = Date.now();
  const child = await startChild(
    'ingestion worker',
    new URL('./worker-process.ts', import.meta.url),
    [],
    environment,
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  return {
    memory: () => memoryOf(child, started),
    stop: () => child.close(),
  };
}
