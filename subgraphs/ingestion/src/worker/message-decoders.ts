import type { IHeaders } from 'kafkajs';
import { decodeOperation } from '../kafka/operation-codec.js';
import { decodeRawRecord } from '../kafka/raw-record-codec.js';
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

/** Turns one message of a topic into the record the writer applies. Never throws. */
export type MessageDecoder = (message: BatchMessage) => Promise<BatchRecord>;

/** A graph-ops message: one typed operation, already validated at acceptance. */
export function graphOpsDecoder(topic: string): MessageDecoder {
  return (message) => {
    const decoded = decodeOperation(message.value);
    if (decoded.ok) {
      const { operation } = decoded;
      return Promise.resolve({
        offset: message.offset,
        receipt: operation.receipt,
        operations: [operation],
        deadLetter: { source: operation.receipt.source, payload: parsedPayload(message.value) },
      });
    }
    return Promise.resolve(unreadable(topic, message, decoded.reason));
  };
}

/**
 * A raw-topic message: the record as the producer sent it, put through the
 * source's mapping (and hook) here in the worker. A record the mapping
 * refuses is rejected, with the reason, on its receipt and in the dead
 * letters; one it drops on purpose is skipped.
 */
export function rawDecoder(topic: string, mapping: CompiledMapping | undefined): MessageDecoder {
  return async (message) => {
    const decoded = decodeRawRecord(message.value);
    if (!decoded.ok) return unreadable(topic, message, decoded.reason, decoded.payload);
    const { receipt, record } = decoded.envelope;
    if (!mapping) {
      return {
        offset: message.offset,
        receipt,
        operations: [],
        rejection: `no mapping for the source "${receipt.source}" (MEMGATE_INGESTION_MAPPINGS_DIR)`,
        deadLetter: { source: receipt.source, payload: record },
      };
    }
    return mapped(mapping, message.offset, receipt, record, false);
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
    const common = { offset: message.offset, receipt, acceptedHere: true };
    if (message.value === null) {
      return { ...common, operations: [], deadLetter: { source: mapping.source, payload: null } };
    }
    const text = message.value.toString('utf8');
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return {
        ...common,
        operations: [],
        rejection: 'the message value is not JSON',
        deadLetter: { source: mapping.source, payload: text },
      };
    }
    return mapped(mapping, message.offset, receipt, record, true);
  };
}

/** What the mapping makes of one record: operations, skipped, or rejected with the reason. */
async function mapped(
  mapping: CompiledMapping,
  offset: string,
  receipt: ReceiptRef,
  record: unknown,
  acceptedHere: boolean,
): Promise<BatchRecord> {
  const common = {
    offset,
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

/** A message no decoder can read: dead-lettered with what it holds, on no receipt. */
function unreadable(
  topic: string,
  message: BatchMessage,
  reason: string,
  payload: unknown = parsedPayload(message.value),
): BatchRecord {
  return {
    offset: message.offset,
    receipt: undefined,
    operations: [],
    rejection: `unreadable message: ${reason}`,
    deadLetter: { source: topic, payload },
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
