import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isRecord } from '../kafka/json-records.js';
import type { ChangeEvent, ChangeMessage } from './change-event.js';
import { changeMessageKey } from './change-messages.js';
import { compactChanges, expandChanges, isCompactChanges } from './compact-changes.js';

/**
 * The change events of the last batch applied to a partition, kept on the
 * partition's offset node in the batch's own transaction (the outbox), so
 * that a worker that dies between the commit and publishing them leaves
 * them behind: whoever next sees the batch's messages again (and skips
 * them as applied) publishes the outbox first. One string per node, in the
 * compact form of `compact-changes.ts`, deflated (the engine writes it in
 * every batch transaction, and Memgraph keeps it in memory); only the last
 * batch's events are ever kept.
 */
export interface ChangeOutbox {
  readonly messages: readonly ChangeMessage[];
  /** The first offset of the batch the events come from (decimal, as kafkajs gives it). */
  readonly from: string;
}

/**
 * Marks a deflated outbox: raw deflate (level 1) of the compact JSON, in
 * base64, since Memgraph stores no byte arrays. A batch of 5,000 connects
 * is 259 KB of compact JSON and 56 KB deflated, for about 1 ms of the
 * worker's CPU; a 134 KB string alone cost the engine about 12 ms per commit.
 */
const DEFLATED = 'z1:';

export function encodeOutbox(messages: readonly ChangeMessage[]): string | null {
  if (messages.length === 0) return null;
  const compact = JSON.stringify(compactChanges(messages.map(({ event }) => event)));
  return DEFLATED + deflateRawSync(compact, { level: 1 }).toString('base64');
}

/** What the offset node holds; anything unreadable counts as nothing to publish. */
export function decodeOutbox(changes: unknown, from: unknown): ChangeOutbox | undefined {
  if (typeof changes !== 'string' || typeof from !== 'string') return undefined;
  let parsed: unknown;
  try {
    // Earlier releases stored the compact JSON itself, or [key, event] pairs.
    const json = changes.startsWith(DEFLATED)
      ? inflateRawSync(Buffer.from(changes.slice(DEFLATED.length), 'base64')).toString('utf8')
      : changes;
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (isCompactChanges(parsed)) {
    const messages = expandChanges(parsed).map((event) => ({
      key: changeMessageKey(event),
      event,
    }));
    return { messages, from };
  }
  // The form of earlier releases, [key, event] pairs: an upgraded worker may find one stored.
  if (!Array.isArray(parsed)) return undefined;
  const messages: ChangeMessage[] = [];
  for (const item of parsed as unknown[]) {
    if (!Array.isArray(item)) continue;
    const [key, event] = item as unknown[];
    if (typeof key === 'string' && isRecord(event) && typeof event['kind'] === 'string') {
      messages.push({ key, event: event as unknown as ChangeEvent });
    }
  }
  return { messages, from };
}
