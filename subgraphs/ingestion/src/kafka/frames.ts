import type { Message } from 'kafkajs';

/**
 * How many records one Kafka message of an internal topic carries (ADR
 * 0012). Per message, kafkajs encodes a record with its headers on the way
 * in and decodes it on the way out, and the broker indexes it: a few
 * microseconds each, more than the pipeline's own work on a small record.
 * A frame shares that among up to `maxRecords` records, and stays at a
 * quarter of the broker's default 1 MB message limit.
 */
export interface FrameLimits {
  readonly maxRecords: number;
  /** UTF-8 bytes of the serialized records. */
  readonly maxBytes: number;
}

export const FRAME_LIMITS: FrameLimits = { maxRecords: 1000, maxBytes: 256 * 1024 };

/**
 * `items` cut into consecutive runs wherever `together(previous, next)` is
 * false: what a frame's header says once (its receipt, its first place)
 * must hold for every record of it.
 */
export function runsWhere<T>(
  items: readonly T[],
  together: (previous: T, next: T) => boolean,
): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const current = runs[runs.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous !== undefined && together(previous, item)) current.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * Consecutive runs `[start, end)` of `texts` (serialized records) that each
 * fit a frame; a record larger than a frame on its own is a frame alone.
 */
export function* frameRuns(
  texts: readonly string[],
  limits: FrameLimits = FRAME_LIMITS,
): Generator<readonly [start: number, end: number]> {
  let start = 0;
  let bytes = 0;
  for (let at = 0; at < texts.length; at += 1) {
    const size = Buffer.byteLength(texts[at] ?? '');
    if (at > start && (at - start >= limits.maxRecords || bytes + size > limits.maxBytes)) {
      yield [start, at];
      start = at;
      bytes = 0;
    }
    bytes += size;
  }
  if (texts.length > start) yield [start, texts.length];
}

/**
 * The JSON of `head` with one more field, `field`, the list of `items`,
 * each already JSON text: a frame's records are serialized once, when the
 * producer measures them, and not again for the message.
 */
export function frameJson(
  head: Readonly<Record<string, unknown>>,
  field: string,
  items: readonly string[],
): string {
  const opening = JSON.stringify(head);
  return `${opening.slice(0, -1)},${JSON.stringify(field)}:[${items.join(',')}]}`;
}

/**
 * `items` as the messages of their frames: each item serialized once, the
 * texts cut into frames, and each frame made a message by `message` from
 * its first item and its texts.
 */
export function framedMessages<T>(
  items: readonly T[],
  serialize: (item: T) => string,
  message: (first: T, texts: readonly string[]) => Message,
): Message[] {
  const texts = items.map(serialize);
  const messages: Message[] = [];
  for (const [start, end] of frameRuns(texts)) {
    const first = items[start];
    if (first !== undefined) messages.push(message(first, texts.slice(start, end)));
  }
  return messages;
}
