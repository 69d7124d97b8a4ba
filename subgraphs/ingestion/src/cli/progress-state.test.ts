import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  progressPath,
  readProgress,
  removeProgress,
  writeProgress,
  type ProgressState,
} from './progress-state.js';

describe('the progress file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'memgate-progress-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sits next to the input, and round-trips', async () => {
    const file = join(dir, 'people.ndjson');
    const state: ProgressState = {
      version: 1,
      file,
      sha256: 'abc',
      source: 'crm',
      format: 'ndjson',
      linesPerChunk: 10,
      nextChunk: 3,
      nextOffset: 120,
      lines: 30,
      accepted: 29,
      rejected: 1,
      lastReceiptId: 'r3',
    };
    expect(progressPath(file)).toBe(`${file}.memgate-progress.json`);
    expect(await readProgress(file)).toBeUndefined();
    await writeProgress(state);
    expect(JSON.parse(await readFile(progressPath(file), 'utf8'))).toEqual(state);
    expect(await readProgress(file)).toEqual(state);
    await removeProgress(file);
    expect(await readProgress(file)).toBeUndefined();
  });

  it('refuses a file that is not a progress file', async () => {
    const file = join(dir, 'other.csv');
    await writeFile(progressPath(file), '{"hello": 1}');
    await expect(readProgress(file)).rejects.toThrow(/is not a progress file/);
  });
});
