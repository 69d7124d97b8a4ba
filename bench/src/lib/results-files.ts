import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, type MachineInfo } from './machine-info.js';

/** `bench/results/`, wherever the harness is started from; git-ignored. */
export const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('../../results/', import.meta.url));

/** Everything one run leaves behind, so two runs can be compared later without the terminal. */
export interface ResultsDocument<Config = unknown, Results = unknown> {
  readonly scenario: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly config: Config;
  readonly results: Results;
}

/** The paths of one run's files: `<scenario>-<timestamp>.json` and `<scenario>-<timestamp>-<name>.svg`. */
export interface ResultFiles {
  readonly json: string;
  svg(name: string): string;
}

export function resultFiles(dir: string, scenario: string, startedAt: Date): ResultFiles {
  const stem = path.join(dir, `${scenario}-${fileTimestamp(startedAt)}`);
  return { json: `${stem}.json`, svg: (name) => `${stem}-${name}.svg` };
}

/**
 * An ISO-8601 UTC timestamp with `:` replaced by `-`: colons are not allowed
 * in Windows file names, and the names still sort by time.
 */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replaceAll(':', '-');
}

export async function writeResultsJson(
  file: string,
  run: { scenario: string; startedAt: Date; config: unknown; results: unknown },
  machine: MachineInfo = machineInfo(),
): Promise<void> {
  const document: ResultsDocument = {
    scenario: run.scenario,
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    config: run.config,
    results: run.results,
  };
  await writeText(file, `${JSON.stringify(document, null, 2)}\n`);
}

export async function writeText(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content, 'utf8');
}
