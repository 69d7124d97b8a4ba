import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MemoryReport, MemorySample } from '../../lib/memory-sampler.js';

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
  const entry = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--conditions=memgate-source', '--import', 'tsx', entry],
    {
      env: { ...process.env, ...environment },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const samples: MemorySample[] = [];
  const started = performance.now();
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited with ${String(code)}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { ready?: boolean; rss?: number; heapUsed?: number };
      if (message.ready) resolve();
      else if (message.rss !== undefined && message.heapUsed !== undefined) {
        samples.push({
          atMs: performance.now() - started,
          rssBytes: message.rss,
          heapUsedBytes: message.heapUsed,
        });
      }
    });
  });
  return {
    memory: () => ({
      samples: [...samples],
      peakRssBytes: Math.max(0, ...samples.map((sample) => sample.rssBytes)),
      peakHeapUsedBytes: Math.max(0, ...samples.map((sample) => sample.heapUsedBytes)),
    }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}
