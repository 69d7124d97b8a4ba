import { isJsonScalar, type JsonScalar, type JsonValue } from '../model/json-value.js';
import type { EntityRef, GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import { isRecord } from './json-records.js';

/**
 * The wire format of the graph-ops topic: one JSON object per operation with
 * a version, so a worker of the next release can still read what this one
 * queued. Field values stay in their JSON form; Bolt types are made only by
 * the writer. Version 1 knew upserts only; its messages read the same.
 */
export const OPERATION_FORMAT_VERSION = 1;

export function encodeOperation(operation: GraphOperation): string {
  return JSON.stringify({ v: OPERATION_FORMAT_VERSION, ...operation });
}

export type DecodedOperation =
  | { readonly ok: true; readonly operation: GraphOperation }
  | { readonly ok: false; readonly reason: string };

/** Never throws: a message a worker cannot read is dead-lettered, not retried forever. */
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
  try {
    return { ok: true, operation: readOperation(parsed) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Field values are checked against the model by the writer, which knows their types. */
function readOperation(parsed: Record<string, unknown>): GraphOperation {
  const { kind, type } = parsed;
  if (typeof type !== 'string') throw new Error('the operation names no node type');
  const receipt = parsed['receipt'];
  if (!isReceiptRef(receipt)) throw new Error('the operation has no receipt');
  switch (kind) {
    case 'upsertNode':
      return { kind, type, key: keyOf(parsed['key']), fields: valuesOf(parsed['fields']), receipt };
    case 'deleteNode':
      return { kind, type, key: keyOf(parsed['key']), receipt };
    case 'connect':
    case 'disconnect': {
      const field = parsed['field'];
      if (typeof field !== 'string') throw new Error('the operation names no relationship field');
      const from = keyOf(parsed['from']);
      const to = entityOf(parsed['to']);
      return kind === 'connect'
        ? { kind, type, field, from, to, properties: valuesOf(parsed['properties']), receipt }
        : { kind, type, field, from, to, receipt };
    }
    default:
      throw new Error(`unknown operation ${JSON.stringify(kind)}`);
  }
}

function keyOf(key: unknown): JsonScalar[] {
  if (!Array.isArray(key) || key.length === 0 || !key.every(isJsonScalar)) {
    throw new Error('the operation has no key');
  }
  return key;
}

function entityOf(value: unknown): EntityRef {
  if (!isRecord(value) || typeof value['type'] !== 'string') {
    throw new Error('the operation has no end node');
  }
  return { type: value['type'], key: keyOf(value['key']) };
}

function valuesOf(value: unknown): Record<string, JsonValue> {
  if (!isRecord(value)) throw new Error('the operation has no fields object');
  return value as Record<string, JsonValue>;
}

export function isReceiptRef(value: unknown): value is ReceiptRef {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    typeof value['source'] === 'string' &&
    Number.isInteger(value['accepted']) &&
    typeof value['createdAt'] === 'string'
  );
}
