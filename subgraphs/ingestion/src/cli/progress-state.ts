import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/**
 * What a run has had acknowledged, in `<file>.memgate-progress.json` next
 * to the input: `--resume` starts after the last acknowledged chunk. Chunks
 * are sent one at a time, in order, so "how far" is one offset.
 */
export interface ProgressState {
  readonly version: 1;
  readonly file: string;
  /** SHA-256 of the content: a changed file cannot be resumed. */
  readonly sha256: string;
  readonly source: string;
  readonly format: string;
  readonly linesPerChunk: number;
  /** The next chunk to send, and where in the file it starts. */
  readonly nextChunk: number;
  readonly nextOffset: number;
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Receipt of the last acknowledged chunk, to follow up. */
  readonly lastReceiptId?: string;
}

export function progressPath(file: string): string {
  return `${file}.memgate-progress.json`;
}

export async function readProgress(file: string): Promise<ProgressState | undefined> {
  let text: string;
  try {
    text = await readFile(progressPath(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const state = JSON.parse(text) as Partial<ProgressState>;
  if (state.version !== 1 || typeof state.nextOffset !== 'number') {
    throw new Error(`${progressPath(file)} is not a progress file of this version of memgate`);
  }
  return state as ProgressState;
}

/** Written to a temporary file and renamed over the old one: a crash never leaves half a file. */
export async function writeProgress(state: ProgressState): Promise<void> {
  const path = progressPath(state.file);
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

export async function removeProgress(file: string): Promise<void> {
  await rm(progressPath(file), { force: true });
}
