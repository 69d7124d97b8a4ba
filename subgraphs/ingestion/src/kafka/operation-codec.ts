import { isJsonScalar, type JsonScalar, type JsonValue } from '../model/json-value.js';
import type { EntityRef, GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import { frameJson } from './frames.js';
import { isRecord } from './json-records.js';

/**
 * The wire format of the graph-ops topic, versioned so a worker of the next
 * release can still read what this one queued. Field values stay in their
 * JSON form; Bolt types are made only by the writer.
 *
 * Version 2 is a frame: operations of one receipt bound for one partition,
 * in order, in one message (ADR 0012); the receipt is written once. Version
 * 1, one operation per message, is what earlier releases queued (its first
 * form knew upserts only); it is still read.
 */
export const OPERATION_FORMAT_VERSION = 2;
const SINGLE_OPERATION_VERSION = 1;

/**
 * One operation as it goes into a frame: JSON text, without the receipt the
 * frame names once, and with `at`, the place of its record in the request,
 * when the producer knows it.
 */
export function serializeOperation(
  operation: GraphOperation,
  { at }: { readonly at?: number } = {},
): string {
  const { receipt: _inTheFrame, ...rest } = operation;
  return JSON.stringify(at === undefined ? rest : { at, ...rest });
}

/**
 * A frame's message value: operations of one receipt, serialized by
 * `serializeOperation`, in the order they are to be applied.
 */
export function encodeOperationFrame(
  receipt: ReceiptRef,
  serializedOperations: readonly string[],
): string {
  return frameJson({ v: OPERATION_FORMAT_VERSION, receipt }, 'operations', serializedOperations);
}

/**
 * One operation of a message: read, or refused with the reason; `payload`
 * is what the message holds for it (a frame's entry names no receipt).
 */
export type DecodedEntry =
  | {
      readonly ok: true;
      readonly operation: GraphOperation;
      readonly payload: unknown;
      /** The place of its record in the request, when the frame says. */
      readonly at?: number;
    }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly payload: unknown;
      readonly at?: number;
    };

export type DecodedOperations =
  | {
      readonly ok: true;
      readonly entries: readonly DecodedEntry[];
      /** False for a version-1 message: one operation, which is the message. */
      readonly framed: boolean;
      /** A frame's receipt, which even its unreadable operations count on. */
      readonly receipt?: ReceiptRef;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Never throws: a message a worker cannot read is dead-lettered, not
 * retried forever; in a frame, an operation it cannot read is, while the
 * others are applied.
 */
export function decodeOperations(value: Buffer | null): DecodedOperations {
  if (value === null) return { ok: false, reason: 'the message has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the message is not JSON' };
  }
  if (!isRecord(parsed)) return { ok: false, reason: 'the message is not a JSON object' };
  if (parsed['v'] === SINGLE_OPERATION_VERSION) {
    const entry = entryOf(parsed, parsed['receipt']);
    return entry.ok
      ? { ok: true, framed: false, entries: [entry] }
      : { ok: false, reason: entry.reason };
  }
  if (parsed['v'] !== OPERATION_FORMAT_VERSION) {
    return { ok: false, reason: `unknown operation format version ${JSON.stringify(parsed['v'])}` };
  }
  const { receipt, operations } = parsed;
  if (!isReceiptRef(receipt)) return { ok: false, reason: 'the frame has no receipt' };
  if (!Array.isArray(operations) || operations.length === 0) {
    return { ok: false, reason: 'the frame holds no operations' };
  }
  const entries = operations.map((operation: unknown) =>
    isRecord(operation)
      ? entryOf(operation, receipt)
      : { ok: false as const, reason: 'the operation is not a JSON object', payload: operation },
  );
  return { ok: true, framed: true, entries, receipt };
}

function entryOf(parsed: Record<string, unknown>, receipt: unknown): DecodedEntry {
  // Its place, read or not: an operation this worker cannot read is still named by it.
  const at = Number.isInteger(parsed['at']) ? { at: parsed['at'] as number } : {};
  try {
    return { ok: true, operation: readOperation(parsed, receipt), payload: parsed, ...at };
  } catch (error) {
    return { ok: false, reason: (error as Error).message, payload: parsed, ...at };
  }
}

/** Field values are checked against the model by the writer, which knows their types. */
function readOperation(parsed: Record<string, unknown>, receipt: unknown): GraphOperation {
  const { kind, type } = parsed;
  if (typeof type !== 'string') throw new Error('the operation names no node type');
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
