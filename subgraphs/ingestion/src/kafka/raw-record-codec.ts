import type { ReceiptRef } from '../transform/graph-operation.js';
import { isRecord } from './json-records.js';
import { isReceiptRef } from './operation-codec.js';

/**
 * The wire format of a raw topic: the record exactly as the producer sent
 * it, wrapped with the receipt it counts on and its place in the request.
 * The mapping runs in the worker, so a mapping fix applies to records
 * already queued.
 */
export const RAW_FORMAT_VERSION = 1;

export interface RawEnvelope {
  readonly receipt: ReceiptRef;
  /** Position of the record in its request, for error messages. */
  readonly index: number;
  readonly record: unknown;
}

export function encodeRawRecord(envelope: RawEnvelope): string {
  return JSON.stringify({ v: RAW_FORMAT_VERSION, ...envelope });
}

export type DecodedRaw =
  | { readonly ok: true; readonly envelope: RawEnvelope }
  | { readonly ok: false; readonly reason: string; readonly payload: unknown };

/** Never throws; a broken message is reported with what could be read of it. */
export function decodeRawRecord(value: Buffer | null): DecodedRaw {
  if (value === null) return { ok: false, reason: 'the message has no value', payload: null };
  const text = value.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the message is not JSON', payload: text };
  }
  if (!isRecord(parsed) || parsed['v'] !== RAW_FORMAT_VERSION) {
    return { ok: false, reason: 'the message is not a raw record envelope', payload: parsed };
  }
  const { receipt, index, record } = parsed;
  if (!isReceiptRef(receipt) || !Number.isInteger(index) || !('record' in parsed)) {
    return { ok: false, reason: 'the raw record envelope is incomplete', payload: parsed };
  }
  return { ok: true, envelope: { receipt, index: index as number, record } };
}
