import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RESULTS_DIR,
  fileTimestamp,
  resultFiles,
  writeResultsJson,
} from './results-files.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('results files', () => {
  const at = new Date('2025-01-02T03:04:05.678Z');

  it('names files by scenario and a sortable, file-system-safe ISO timestamp', () => {
    expect(fileTimestamp(at)).toBe('2025-01-02T03-04-05.678Z');
    const files = resultFiles('/tmp/r', 'bolt-latency', at);
    expect(files.json).toBe('/tmp/r/bolt-latency-2025-01-02T03-04-05.678Z.json');
    expect(files.svg('latency')).toBe('/tmp/r/bolt-latency-2025-01-02T03-04-05.678Z-latency.svg');
  });

  it('defaults to the git-ignored bench/results folder', () => {
    expect(DEFAULT_RESULTS_DIR.split(path.sep).slice(-3)).toEqual(['bench', 'results', '']);
  });

  it('writes the config, the results and the machine they ran on, creating the folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-bench-'));
    dirs.push(dir);
    const file = resultFiles(path.join(dir, 'nested'), 's', at).json;
    await writeResultsJson(file, {
      scenario: 's',
      startedAt: at,
      config: { durationMs: 5 },
      results: [1, 2],
    });
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({
      scenario: 's',
      startedAt: '2025-01-02T03:04:05.678Z',
      config: { durationMs: 5 },
      results: [1, 2],
      machine: { nodeVersion: process.version },
    });
    const machine = written.machine as Record<string, unknown>;
    expect(machine.cpuCount).toBeGreaterThan(0);
    expect(machine.totalMemoryBytes).toBeGreaterThan(0);
    expect(typeof machine.cpuModel).toBe('string');
  });
});
