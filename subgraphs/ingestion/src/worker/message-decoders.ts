import { decodeOperation } from '../kafka/operation-codec.js';
import { decodeRawRecord } from '../kafka/raw-record-codec.js';
import { applyMapping } from '../mapping/apply-mapping.js';
import type { CompiledMapping } from '../mapping/compiled-mapping.js';
import type { BatchRecord } from '../write/write-batch.js';

/** The part of a kafkajs message the worker reads. */
export interface BatchMessage {
  readonly offset: string;
  readonly value: Buffer | null;
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
    const deadLetter = { source: receipt.source, payload: record };
    if (!mapping) {
      return {
        offset: message.offset,
        receipt,
        operations: [],
        rejection: `no mapping for the source "${receipt.source}" (MEMGATE_INGESTION_MAPPINGS_DIR)`,
        deadLetter,
      };
    }
    let mapped;
    try {
      mapped = await applyMapping(mapping, record, receipt);
    } catch (error) {
      mapped = { kind: 'rejected' as const, reason: `mapping failed: ${(error as Error).message}` };
    }
    switch (mapped.kind) {
      case 'operations':
        return { offset: message.offset, receipt, operations: mapped.operations, deadLetter };
      case 'skipped':
        return { offset: message.offset, receipt, operations: [], deadLetter };
      case 'rejected':
        return {
          offset: message.offset,
          receipt,
          operations: [],
          rejection: mapped.reason,
          deadLetter,
        };
    }
  };
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
