import type { ReceiptRef } from '../transform/graph-operation.js';
import { frameJson } from './frames.js';
import { isRecord } from './json-records.js';
import { isReceiptRef } from './operation-codec.js';

/**
 * The wire format of a raw topic: records exactly as the producer sent
 * them, wrapped with the receipt they count on and their place in the
 * request. The mapping runs in the worker, so a mapping fix applies to
 * records already queued.
 *
 * Version 2 is a frame: consecutive records of one request in one message
 * (ADR 0012), `first` being the place of the first. Version 1, one record
 * per message, is what earlier releases queued; it is still read.
 */
export const RAW_FORMAT_VERSION = 2;
const SINGLE_RECORD_VERSION = 1;

export interface RawFrame {
  readonly receipt: ReceiptRef;
  /** Place of the first record in its request; the others follow it. */
  readonly first: number;
  readonly records: readonly unknown[];
}

/** One record as it goes into a frame: JSON text. */
export function serializeRawRecord(record: unknown): string {
  // Records come from JSON; `undefined` (possible only from code) would vanish from the frame.
  return record === undefined ? 'null' : JSON.stringify(record);
}

/**
 * A frame's message value, from records already serialized: the producer
 * measures them to cut frames, and does not serialize them twice.
 */
export function encodeRawFrame(
  receipt: ReceiptRef,
  first: number,
  serializedRecords: readonly string[],
): string {
  return frameJson({ v: RAW_FORMAT_VERSION, receipt, first }, 'records', serializedRecords);
}

export type DecodedRaw =
  | {
      readonly ok: true;
      readonly frame: RawFrame;
      /** False for a version-1 message: one record, which is the message. */
      readonly framed: boolean;
    }
  | { readonly ok: false; readonly reason: string; readonly payload: unknown };

/** Never throws; a broken message is reported with what could be read of it. */
export function decodeRawRecords(value: Buffer | null): DecodedRaw {
  if (value === null) return { ok: false, reason: 'the message has no value', payload: null };
  const text = value.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the message is not JSON', payload: text };
  }
  if (!isRecord(parsed)) {
    return { ok: false, reason: 'the message is not a raw record envelope', payload: parsed };
  }
  if (parsed['v'] === RAW_FORMAT_VERSION) return readFrame(parsed);
  if (parsed['v'] === SINGLE_RECORD_VERSION) return readSingleRecord(parsed);
  return { ok: false, reason: 'the message is not a raw record envelope', payload: parsed };
}

function readFrame(parsed: Record<string, unknown>): DecodedRaw {
  const { receipt, first, records } = parsed;
  if (
    !isReceiptRef(receipt) ||
    !Number.isInteger(first) ||
    !Array.isArray(records) ||
    records.length === 0
  ) {
    return { ok: false, reason: 'the raw record frame is incomplete', payload: parsed };
  }
  return { ok: true, framed: true, frame: { receipt, first: first as number, records } };
}

function readSingleRecord(parsed: Record<string, unknown>): DecodedRaw {
  const { receipt, index } = parsed;
  if (!isReceiptRef(receipt) || !Number.isInteger(index) || !('record' in parsed)) {
    return { ok: false, reason: 'the raw record envelope is incomplete', payload: parsed };
  }
  return {
    ok: true,
    framed: false,
    frame: { receipt, first: index as number, records: [parsed['record']] },
  };
}
