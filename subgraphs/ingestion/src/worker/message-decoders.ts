import type { IHeaders } from 'kafkajs';
import { decodeOperations } from '../kafka/operation-codec.js';
import { decodeRawRecords } from '../kafka/raw-record-codec.js';
import { applyMapping } from '../mapping/apply-mapping.js';
import type { CompiledMapping } from '../mapping/compiled-mapping.js';
import { rollingReceiptRef } from '../receipts/rolling-receipt.js';
import type { ReceiptRef } from '../transform/graph-operation.js';
import type { BatchRecord } from '../write/write-batch.js';

/** The part of a kafkajs message the worker reads. */
export interface BatchMessage {
  readonly offset: string;
  readonly value: Buffer | null;
  /** Milliseconds since the epoch, as a decimal string (kafkajs). */
  readonly timestamp?: string;
  /** What the producer sent along: the trace context (`traceparent`) among them. */
  readonly headers?: IHeaders | undefined;
}

/**
 * Turns one message of a topic into the records the writer applies, in
 * order: one, or a frame's (ADR 0012). Never throws.
 */
export type MessageDecoder = (message: BatchMessage) => Promise<BatchRecord[]>;

/** A graph-ops message: typed operations, already validated at acceptance. */
export function graphOpsDecoder(topic: string): MessageDecoder {
  return (message) => {
    const decoded = decodeOperations(message.value);
    if (!decoded.ok) {
      return Promise.resolve([
        unreadable(
          topic,
          placeIn(message, undefined),
          decoded.reason,
          parsedPayload(message.value),
        ),
      ]);
    }
    const { entries, framed } = decoded;
    return Promise.resolve(
      entries.map((entry, index): BatchRecord => {
        const place = placeIn(
          message,
          framed ? { index, count: entries.length } : undefined,
          entry.at,
        );
        if (!entry.ok) {
          return unreadable(topic, place, entry.reason, entry.payload, decoded.receipt);
        }
        const { operation, payload } = entry;
        return {
          ...place,
          receipt: operation.receipt,
          operations: [operation],
          deadLetter: { source: operation.receipt.source, payload },
        };
      }),
    );
  };
}

/**
 * A raw-topic message: records as the producer sent them, each put through
 * the source's mapping (and hook) here in the worker. A record the mapping
 * refuses is rejected, with the reason, on its receipt and in the dead
 * letters; one it drops on purpose is skipped.
 */
export function rawDecoder(topic: string, mapping: CompiledMapping | undefined): MessageDecoder {
  return async (message) => {
    const decoded = decodeRawRecords(message.value);
    if (!decoded.ok)
      return [unreadable(topic, placeIn(message, undefined), decoded.reason, decoded.payload)];
    const { frame, framed } = decoded;
    const { receipt, records, first } = frame;
    const decodedRecords: BatchRecord[] = [];
    for (const [index, record] of records.entries()) {
      const frameSlot = framed ? { index, count: records.length } : undefined;
      const place = placeIn(message, frameSlot, first + index);
      decodedRecords.push(
        mapping
          ? await mapped(mapping, place, receipt, record, false)
          : {
              ...place,
              receipt,
              operations: [],
              rejection: `no mapping for the source "${receipt.source}" (MEMGATE_INGESTION_MAPPINGS_DIR)`,
              deadLetter: { source: receipt.source, payload: record },
            },
      );
    }
    return decodedRecords;
  };
}

/**
 * Where a record sits: its message, its place in a frame and whether its
 * message ends with it, and its place in the request that queued it.
 */
interface RecordPlace {
  readonly offset: string;
  readonly index?: number;
  readonly endsMessage?: boolean;
  readonly requestIndex?: number;
}

/**
 * The place of a record of `message`: the `index`-th of a frame's `count`
 * records, or the message itself when it is not a frame.
 */
function placeIn(
  message: BatchMessage,
  frame: { readonly index: number; readonly count: number } | undefined,
  requestIndex?: number,
): RecordPlace {
  return {
    offset: message.offset,
    ...(frame && { index: frame.index, endsMessage: frame.index === frame.count - 1 }),
    ...(requestIndex !== undefined && { requestIndex }),
  };
}

/**
 * A message of an external topic (a mapping's `topic:`): its value is one
 * JSON record, mapped like a raw one, counted on the source's rolling
 * receipt of the message's day. A value that is not JSON is rejected and
 * dead-lettered as text; a tombstone (no value) has nothing to map and is
 * skipped.
 */
export function topicDecoder(mapping: CompiledMapping): MessageDecoder {
  return async (message) => {
    const receipt = rollingReceiptRef(mapping.source, message.timestamp);
    const place = placeIn(message, undefined);
    const common = { ...place, receipt, acceptedHere: true };
    if (message.value === null) {
      return [{ ...common, operations: [], deadLetter: { source: mapping.source, payload: null } }];
    }
    const text = message.value.toString('utf8');
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return [
        {
          ...common,
          operations: [],
          rejection: 'the message value is not JSON',
          unreadable: true,
          deadLetter: { source: mapping.source, payload: text },
        },
      ];
    }
    return [await mapped(mapping, place, receipt, record, true)];
  };
}

/** What the mapping makes of one record: operations, skipped, or rejected with the reason. */
async function mapped(
  mapping: CompiledMapping,
  place: RecordPlace,
  receipt: ReceiptRef,
  record: unknown,
  acceptedHere: boolean,
): Promise<BatchRecord> {
  const common = {
    ...place,
    receipt,
    ...(acceptedHere && { acceptedHere }),
    deadLetter: { source: receipt.source, payload: record },
  };
  let result;
  try {
    result = await applyMapping(mapping, record, receipt);
  } catch (error) {
    result = { kind: 'rejected' as const, reason: `mapping failed: ${(error as Error).message}` };
  }
  switch (result.kind) {
    case 'operations':
      return { ...common, operations: result.operations };
    case 'skipped':
      return { ...common, operations: [] };
    case 'rejected':
      return { ...common, operations: [], rejection: result.reason };
  }
}

/**
 * What no decoder can read: dead-lettered with what it holds. An operation
 * of a frame counts as rejected on the frame's receipt; a message too
 * broken to name one is on no receipt, with its topic as its source.
 */
function unreadable(
  topic: string,
  place: RecordPlace,
  reason: string,
  payload: unknown,
  receipt?: ReceiptRef,
): BatchRecord {
  return {
    ...place,
    receipt,
    operations: [],
    rejection: `unreadable message: ${reason}`,
    unreadable: true,
    deadLetter: { source: receipt?.source ?? topic, payload },
  };
}

/** The message value as JSON if it is JSON, else as text: the letter shows what was sent. */
function parsedPayload(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
