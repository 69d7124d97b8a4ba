import { isJsonScalar } from '../model/json-value.js';
import type { GraphOperation, ReceiptRef } from '../transform/graph-operation.js';

/**
 * The wire format of the graph-ops topic: one JSON object per operation with
 * a version, so a worker of the next release can still read what this one
 * queued. Field values stay in their JSON form; Bolt types are made only by
 * the writer.
 */
export const OPERATION_FORMAT_VERSION = 1;

export function encodeOperation(operation: GraphOperation): string {
  return JSON.stringify({ v: OPERATION_FORMAT_VERSION, ...operation });
}

export type DecodedOperation =
  | { readonly ok: true; readonly operation: GraphOperation }
  | { readonly ok: false; readonly reason: string };

/** Never throws: a message a worker cannot read is reported, not retried forever. */
export function decodeOperation(value: Buffer | null): DecodedOperation {
  if (value === null) return { ok: false, reason: 'the message has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the message is not JSON' };
  }
  if (!isRecord(parsed)) return { ok: false, reason: 'the message is not a JSON object' };
  if (parsed['v'] !== OPERATION_FORMAT_VERSION) {
    return { ok: false, reason: `unknown operation format version ${JSON.stringify(parsed['v'])}` };
  }
  const { kind, type, key, fields, receipt } = parsed;
  if (kind !== 'upsertNode')
    return { ok: false, reason: `unknown operation ${JSON.stringify(kind)}` };
  if (typeof type !== 'string') return { ok: false, reason: 'the operation names no node type' };
  if (!Array.isArray(key) || key.length === 0 || !key.every(isJsonScalar)) {
    return { ok: false, reason: 'the operation has no key' };
  }
  if (!isRecord(fields)) return { ok: false, reason: 'the operation has no fields object' };
  if (!isReceiptRef(receipt)) return { ok: false, reason: 'the operation has no receipt' };
  // Field values are checked against the model by the writer, which knows their types.
  return {
    ok: true,
    operation: { kind, type, key, fields: fields as GraphOperation['fields'], receipt },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReceiptRef(value: unknown): value is ReceiptRef {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    typeof value['source'] === 'string' &&
    Number.isInteger(value['accepted']) &&
    typeof value['createdAt'] === 'string'
  );
}
