import { frameJson } from './frames.js';
import { isRecord } from './json-records.js';

/**
 * The wire format of the changes topic (ADR 0013). Version 2 is a frame:
 * the events bound for one partition, in order, in one message,
 * `{"v":2,"events":[…]}`. Version 1, one event per message with no
 * envelope, is what earlier releases published; readers take both.
 */
export const CHANGE_FORMAT_VERSION = 2;

/** A frame's message value: events serialized with `JSON.stringify`, in the order they happened. */
export function encodeChangeFrame(serializedEvents: readonly string[]): string {
  return frameJson({ v: CHANGE_FORMAT_VERSION }, 'events', serializedEvents);
}

/**
 * The events of one message of the changes topic, in order, or the reason
 * it holds none: a frame gives its events, a version-1 message the one it
 * is. Events are not validated here; readers check what they use.
 */
export function decodeChangeEvents(
  value: Buffer | string | null,
):
  | { readonly ok: true; readonly events: readonly unknown[] }
  | { readonly ok: false; readonly reason: string } {
  if (value === null) return { ok: false, reason: 'empty message' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isRecord(parsed)) return { ok: false, reason: 'not a JSON object' };
  if (parsed['v'] === undefined) return { ok: true, events: [parsed] };
  if (parsed['v'] !== CHANGE_FORMAT_VERSION) {
    return { ok: false, reason: `unknown change format version ${JSON.stringify(parsed['v'])}` };
  }
  const events = parsed['events'];
  if (!Array.isArray(events)) return { ok: false, reason: 'a change frame without events' };
  return { ok: true, events };
}
