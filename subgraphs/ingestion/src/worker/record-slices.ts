import { setImmediate } from 'node:timers/promises';
import type { BatchRecord } from '../write/write-batch.js';
import type { BatchMessage, MessageDecoder } from './message-decoders.js';

/** Records for one transaction, with the messages they came from (for the consumer span). */
export interface RecordSlice {
  readonly records: readonly BatchRecord[];
  readonly messages: readonly BatchMessage[];
}

/** Milliseconds of decoding between two turns of the event loop. */
const YIELD_AFTER_MS = 3;

/**
 * The records of `messages`, decoded as they are needed, in slices of at
 * most `max` records. A framed message (ADR 0012) whose records do not fit
 * the current slice is split: its first records end one slice and the rest
 * begin the next, so a frame never makes a transaction larger than `max`.
 */
export async function* recordSlices(
  messages: readonly BatchMessage[],
  decode: MessageDecoder,
  max: number,
): AsyncGenerator<RecordSlice> {
  let records: BatchRecord[] = [];
  let from: BatchMessage[] = [];
  // Decoding is the worker's longest stretch of work: before it starts and
  // after every few milliseconds of it, the events waiting in between run
  // first, so a batch in its write turn (waiting for the engine's answers)
  // is not kept waiting for this one as well. Not before every message: an
  // external topic has one record per message.
  let worked = -Infinity;
  for (const message of messages) {
    if (performance.now() - worked > YIELD_AFTER_MS) {
      await setImmediate();
      worked = performance.now();
    }
    const decoded = await decode(message);
    for (let start = 0; start < decoded.length;) {
      const taken = decoded.slice(start, start + max - records.length);
      records.push(...taken);
      if (from[from.length - 1] !== message) from.push(message);
      start += taken.length;
      if (records.length >= max) {
        yield { records, messages: from };
        records = [];
        from = [];
      }
    }
  }
  if (records.length > 0) yield { records, messages: from };
}
