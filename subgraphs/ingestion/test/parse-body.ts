import type { UploadItem, UploadParser } from '../src/upload/upload-item.js';

/** Runs a parser over a body that arrives in the given pieces (split anywhere, as TCP does). */
export async function parseBody(
  parser: UploadParser,
  pieces: readonly (string | Buffer)[],
  maxRecordBytes = 1000,
): Promise<UploadItem[]> {
  async function* body(): AsyncGenerator<Buffer> {
    for (const piece of pieces) {
      yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      await Promise.resolve();
    }
  }
  const items: UploadItem[] = [];
  for await (const item of parser(body(), { maxRecordBytes })) items.push(item);
  return items;
}

/** A body cut into pieces of `size` bytes: every boundary, even inside a UTF-8 character, is crossed. */
export function inPieces(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    pieces.push(bytes.subarray(start, start + size));
  }
  return pieces;
}
