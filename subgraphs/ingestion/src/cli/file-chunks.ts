import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;
const QUOTE = 0x22;

export type FileFormat = 'ndjson' | 'csv';

/** A run of whole records of the file, sent as one request. */
export interface FileChunk {
  /** From 0, in file order: with the file's hash, the chunk's idempotency key. */
  readonly index: number;
  /** Byte offsets in the file: [start, end). */
  readonly start: number;
  readonly end: number;
  readonly lines: number;
  /** The request body: the lines, after the header row for CSV. */
  readonly body: Buffer;
}

export interface ChunkOptions {
  readonly format: FileFormat;
  readonly linesPerChunk: number;
  /** A chunk ends early past this many bytes, so one request stays bounded whatever the lines. */
  readonly maxChunkBytes: number;
  /** Where to start (a resumed run skips what was acknowledged), and the index of that chunk. */
  readonly from: { readonly offset: number; readonly index: number };
  /** CSV: the header row, sent at the head of every chunk. */
  readonly header?: Buffer | undefined;
}

/**
 * Reads a file as chunks of whole records, streaming: memory holds one chunk.
 * Lines are split on `\n` as bytes; in CSV a newline inside a quoted field
 * does not end a record (an odd number of quotes on a line opens or closes
 * one), so no record is ever cut in two.
 */
export async function* fileChunks(path: string, options: ChunkOptions): AsyncGenerator<FileChunk> {
  let index = options.from.index;
  let start = options.from.offset;
  let position = start;
  let parts: Buffer[] = [];
  let bytes = 0;
  let lines = 0;
  let inQuotes = false;
  let carry: Buffer = Buffer.alloc(0);

  const cut = (): FileChunk => {
    const body = Buffer.concat(options.header ? [options.header, ...parts] : parts);
    const chunk = { index, start, end: position, lines, body };
    index += 1;
    start = position;
    parts = [];
    bytes = 0;
    lines = 0;
    return chunk;
  };

  for await (const data of createReadStream(path, { start: options.from.offset })) {
    let buffer = carry.length > 0 ? Buffer.concat([carry, data as Buffer]) : (data as Buffer);
    for (let newline = buffer.indexOf(NEWLINE); newline >= 0; newline = buffer.indexOf(NEWLINE)) {
      const line = buffer.subarray(0, newline + 1);
      buffer = buffer.subarray(newline + 1);
      parts.push(line);
      bytes += line.length;
      position += line.length;
      lines += 1;
      if (options.format === 'csv' && countQuotes(line) % 2 === 1) inQuotes = !inQuotes;
      if (!inQuotes && (lines >= options.linesPerChunk || bytes >= options.maxChunkBytes)) {
        yield cut();
      }
    }
    carry = Buffer.from(buffer);
  }
  if (carry.length > 0) {
    // The last line has no newline: send one, so the server sees a complete record.
    parts.push(carry, Buffer.from('\n'));
    position += carry.length;
    lines += 1;
  }
  if (lines > 0) yield cut();
}

function countQuotes(line: Buffer): number {
  let count = 0;
  for (let at = line.indexOf(QUOTE); at >= 0; at = line.indexOf(QUOTE, at + 1)) count += 1;
  return count;
}

/** The header row of a CSV file (a record: it may span lines) and the offset of the first data row. */
export async function csvHeader(path: string): Promise<{ header: Buffer; end: number }> {
  for await (const chunk of fileChunks(path, {
    format: 'csv',
    linesPerChunk: 1,
    maxChunkBytes: Number.MAX_SAFE_INTEGER,
    from: { offset: 0, index: 0 },
  })) {
    return { header: chunk.body, end: chunk.end };
  }
  return { header: Buffer.alloc(0), end: 0 };
}
