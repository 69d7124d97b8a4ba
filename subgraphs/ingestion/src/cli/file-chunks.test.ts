import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeader, fileChunks, type ChunkOptions, type FileChunk } from './file-chunks.js';

describe('fileChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'memgate-chunks-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const chunksOf = async (name: string, text: string, options: Partial<ChunkOptions> = {}) => {
    const path = join(dir, name);
    await writeFile(path, text);
    const chunks: FileChunk[] = [];
    for await (const chunk of fileChunks(path, {
      format: 'ndjson',
      linesPerChunk: 2,
      maxChunkBytes: 1_000_000,
      from: { offset: 0, index: 0 },
      ...options,
    })) {
      chunks.push(chunk);
    }
    return { path, chunks };
  };

  it('cuts whole lines into chunks with their byte range, ending the last line', async () => {
    const { chunks } = await chunksOf('a.ndjson', '{"a":1}\n{"a":2}\n{"a":3}');
    expect(
      chunks.map(({ index, start, end, lines, body }) => [index, start, end, lines, String(body)]),
    ).toEqual([
      [0, 0, 16, 2, '{"a":1}\n{"a":2}\n'],
      [1, 16, 23, 1, '{"a":3}\n'],
    ]);
  });

  it('starts where a resumed run left off', async () => {
    const { chunks } = await chunksOf('b.ndjson', '{"a":1}\n{"a":2}\n{"a":3}\n', {
      from: { offset: 8, index: 4 },
    });
    expect(chunks.map(({ index, start, body }) => [index, start, String(body)])).toEqual([
      [4, 8, '{"a":2}\n{"a":3}\n'],
    ]);
  });

  it('ends a chunk early past its byte budget', async () => {
    const { chunks } = await chunksOf('c.ndjson', 'aaaa\nbbbb\ncccc\n', {
      linesPerChunk: 100,
      maxChunkBytes: 6,
    });
    expect(chunks.map((chunk) => chunk.lines)).toEqual([2, 1]);
  });

  it('repeats the CSV header in every chunk and never cuts a quoted field across lines', async () => {
    const text = 'id,note\n1,"a\nb"\n2,x\n3,y\n';
    const path = join(dir, 'd.csv');
    await writeFile(path, text);
    const header = await csvHeader(path);
    expect(header).toEqual({ header: Buffer.from('id,note\n'), end: 8 });
    const { chunks } = await chunksOf('d.csv', text, {
      format: 'csv',
      from: { offset: header.end, index: 0 },
      header: header.header,
    });
    // Two lines per chunk: the quoted record's two lines are one chunk, never split.
    expect(chunks.map((chunk) => String(chunk.body))).toEqual([
      'id,note\n1,"a\nb"\n',
      'id,note\n2,x\n3,y\n',
    ]);
    const cutInside = await chunksOf('e.csv', text, {
      format: 'csv',
      linesPerChunk: 1,
      from: { offset: header.end, index: 0 },
      header: header.header,
    });
    expect(String(cutInside.chunks[0]?.body)).toBe('id,note\n1,"a\nb"\n');
  });
});
