import type { GraphModel } from '@memgate/graph-model';
import { MAX_RECEIPT_ERRORS } from '../receipts/receipt.js';
import { ingestionNames } from './names.js';
import { block } from './sdl-printing.js';

/** Scalars as the query subgraph declares them, so the two compose. */
export const SCALAR_TYPES = `"An ISO-8601 date-time with an offset, e.g. 2024-05-01T12:00:00Z; nanosecond precision is kept."
scalar DateTime

"A 64-bit integer, as a string in JSON so no digit is lost."
scalar BigInt

"Any JSON value: a raw record as its source wrote it."
scalar JSON`;

export const STATUS_ENUM = `"Where an ingestion request stands."
enum ${ingestionNames.statusEnum} {
  "Durably queued; not every record is written or rejected yet."
  ACCEPTED
  "Every accepted record is written, rejected or skipped."
  COMPLETED
  "Every accepted record was rejected; nothing was written."
  FAILED
}`;

export const ERROR_TYPE = `"Why one record was rejected, and where it sits in Kafka; its dead letter holds the payload."
type ${ingestionNames.errorType} {
  topic: String!
  partition: Int!
  offset: String!
  "The record's place in its message, when the message carries several (a frame); null when it is the message."
  index: Int
  "The record's place (0-based) in the request that sent it: null when not known: records of an external topic, records refused while an upload was read, messages the worker could not read, and operations queued by earlier releases."
  record: Int
  reason: String!
}`;

/**
 * The receipt of one ingestion request, an entity so the gateway can join it
 * with the entities it touched: `people` lists references (keys only) that
 * the query subgraph resolves into whole nodes.
 */
export function receiptType(model: GraphModel): string {
  const lines = [
    'id: ID!',
    '"Where the records came from, e.g. the mutation that accepted them."',
    'source: String!',
    `status: ${ingestionNames.statusEnum}!`,
    '"Records durably queued."',
    'accepted: Int!',
    '"Records that could not be written; each goes to the dead-letter topic with its reason."',
    'rejected: Int!',
    '"Records written to the graph."',
    'written: Int!',
    '"Records a source\'s mapping left out on purpose (a drop or keep rule, or its hook)."',
    'skipped: Int!',
    `"Why records were rejected (the first ${MAX_RECEIPT_ERRORS}); the dead-letter topic holds every one with its payload."`,
    `errors: [${ingestionNames.errorType}!]!`,
    'createdAt: DateTime!',
    'updatedAt: DateTime!',
  ];
  for (const node of model.nodes.values()) {
    lines.push(
      `"The ${node.plural} this request upserted, by key (the first 1000)."`,
      `${ingestionNames.receiptEntities(node)}: [${node.name}!]!`,
    );
  }
  const description = '"What happened to one ingestion request."\n';
  return `${description}${block('type', `${ingestionNames.receiptType} @key(fields: "id")`, lines)}`;
}
