import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-process.js';
import { eventually } from '../../test/ingestion-harness.js';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import { readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';
import { progressPath } from './progress-state.js';

const RECORDS = 5000;
const LINES_PER_CHUNK = 100;

/**
 * `memgate ingest` as users run it, its own process against the real
 * service: killed after a few acknowledged chunks, then resumed; the graph
 * ends with every record exactly once and the dead-letter topic with
 * exactly the bad lines.
 */
describe('memgate ingest', () => {
  let pipeline: RunningPipeline;
  let dir: string;

  beforeAll(async () => {
    pipeline = await runningPipeline();
    dir = await mkdtemp(join(tmpdir(), 'memgate-cli-'));
  });

  afterAll(async () => {
    await pipeline.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const peopleWith = async (prefix: string) => {
    const [found] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) WHERE n.id STARTS WITH $prefix RETURN count(n) AS nodes, count(DISTINCT n.id) AS ids`,
      params: { prefix },
    });
    return { nodes: Number(found?.get('nodes')), ids: Number(found?.get('ids')) };
  };

  it('resumes after being killed, sending each chunk once: exact counts, no duplicates', async () => {
    const file = join(dir, 'people.ndjson');
    const lines = Array.from({ length: RECORDS }, (_, index) =>
      index % 1000 === 999
        ? `broken line ${index}`
        : JSON.stringify({ id: `k${index}`, name: `Person ${index}` }),
    );
    await writeFile(file, `${lines.join('\n')}\n`);
    const args = [
      'ingest',
      file,
      '--source',
      'contacts',
      '--url',
      pipeline.url,
      '--chunk-lines',
      String(LINES_PER_CHUNK),
    ];

    const first = runCli(args);
    await first.waitFor(/^chunk 5 acknowledged/);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const saved = JSON.parse(await readFile(progressPath(file), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ version: 1, source: 'contacts', linesPerChunk: 100 });
    expect(saved['nextChunk']).toBeGreaterThanOrEqual(5);
    expect(saved['nextChunk']).toBeLessThan(RECORDS / LINES_PER_CHUNK);

    // A run that forgets --resume is stopped rather than starting over.
    const forgot = runCli(args);
    expect(await forgot.exited).toMatchObject({ code: 2 });
    expect(forgot.progress.join('\n')).toMatch(/pass --resume to continue it/);

    const resumed = runCli([...args, '--resume']);
    const done = await resumed.exited;
    expect(done.code).toBe(0);
    expect(resumed.progress[0]).toMatch(/^resuming at chunk \d+/);
    expect(JSON.parse(done.stdout)).toMatchObject({
      done: true,
      lines: RECORDS,
      accepted: RECORDS - 5,
      rejected: 5,
      chunks: RECORDS / LINES_PER_CHUNK,
      bytes: (await stat(file)).size,
    });
    await expect(stat(progressPath(file))).rejects.toMatchObject({ code: 'ENOENT' });

    expect(
      await eventually(async () => {
        const counts = await peopleWith('k');
        return counts.nodes === RECORDS - 5 ? counts : undefined;
      }, 'every record written'),
    ).toEqual({ nodes: RECORDS - 5, ids: RECORDS - 5 });
    const refused = (await readTopic(pipeline.kafkaBrokers, pipeline.topics.deadLetters))
      .map((message) => decodeDeadLetter(message.value))
      .filter(
        (letter) => typeof letter?.payload === 'string' && letter.payload.startsWith('broken'),
      );
    // A chunk sent again after the kill may dead-letter its bad line a second time: at least once.
    expect([...new Set(refused.map((letter) => letter?.payload))].sort()).toEqual([
      'broken line 1999',
      'broken line 2999',
      'broken line 3999',
      'broken line 4999',
      'broken line 999',
    ]);
    // Lines are numbered within the chunk (the request body) they were sent in.
    for (const letter of refused) {
      const index = Number(String(letter?.payload).split(' ')[2]);
      expect(letter?.line).toBe((index % LINES_PER_CHUNK) + 1);
    }
  }, 120_000);

  it('sends a CSV file chunk by chunk with its header, never cutting a quoted field', async () => {
    const file = join(dir, 'people.csv');
    const rows = Array.from({ length: 250 }, (_, index) =>
      index === 99 ? `v${index},"Two\nlines"` : `v${index},Name ${index}`,
    );
    await writeFile(file, `id,name\n${rows.join('\n')}`);
    const run = runCli([
      'ingest',
      file,
      '--source',
      'contacts',
      '--url',
      pipeline.url,
      '--chunk-lines',
      '100',
    ]);
    const done = await run.exited;
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      accepted: 250,
      rejected: 0,
      chunks: 3,
      lines: 251,
    });
    expect(
      await eventually(async () => {
        const counts = await peopleWith('v');
        return counts.nodes === 250 ? counts : undefined;
      }, 'every CSV row written'),
    ).toEqual({ nodes: 250, ids: 250 });
    const [multiline] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\` {id: 'v99'}) RETURN n.name AS name`,
      params: {},
    });
    expect(multiline?.get('name')).toBe('Two\nlines');
  }, 60_000);
});
