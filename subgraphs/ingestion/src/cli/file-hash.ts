import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 of a file's content, streamed. With a chunk's index it makes the
 * chunk's idempotency key, so re-sending a chunk (after a crash, on
 * `--resume`) is answered with its first receipt and queues nothing; a file
 * that changed gets new keys.
 */
export async function fileHash(path: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const data of createReadStream(path)) {
    hash.update(data as Buffer);
    onBytes?.((data as Buffer).length);
  }
  return hash.digest('hex');
}
