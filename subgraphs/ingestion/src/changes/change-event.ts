import type { JsonScalar } from '../model/json-value.js';
import type { IngestionStatus } from '../receipts/receipt.js';

/** A node's key by GraphQL field name, e.g. `{ "id": "p1" }` or `{ "sensor": "s1", "seq": 4 }`. */
export type KeyMap = Readonly<Record<string, JsonScalar>>;

/** A node as a change event names it. */
export interface NodeRef {
  readonly typename: string;
  readonly key: KeyMap;
}

export type NodeChangeKind = 'created' | 'updated' | 'deleted';
export type RelationshipChangeKind = 'connected' | 'disconnected';

/** A node written or removed by a committed batch. */
export interface NodeChangeEvent extends NodeRef {
  readonly kind: NodeChangeKind;
  readonly receiptId?: string;
  /** ISO-8601: when the batch that made the change was written. */
  readonly at: string;
}

/** A relationship written or removed, named by its start node and its outgoing field. */
export interface RelationshipChangeEvent extends NodeRef {
  readonly kind: RelationshipChangeKind;
  /** The relationship type, e.g. `KNOWS`. */
  readonly relationship: string;
  /** The outgoing field of the start node's type, e.g. `knows`. */
  readonly field: string;
  readonly to: NodeRef;
  readonly receiptId?: string;
  readonly at: string;
}

/** Where a receipt stands after a batch (or an upload) moved it. */
export interface ReceiptEvent {
  readonly kind: 'receipt';
  readonly receiptId: string;
  readonly status: IngestionStatus;
  readonly accepted: number;
  readonly written: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly at: string;
}

export type ChangeEvent = NodeChangeEvent | RelationshipChangeEvent | ReceiptEvent;

/**
 * An event and the key it is routed by on the changes topic,
 * `<Typename>:<key>` (the start node for a relationship), so every change
 * of one node lands on one partition, in order; `IngestionReceipt:<id>`
 * for a receipt. A message of the topic is a frame of such events (ADR 0013).
 */
export interface ChangeMessage {
  readonly key: string;
  readonly event: ChangeEvent;
}

/** Where change messages go: the changes topic in production. */
export interface ChangeSink {
  send(messages: readonly ChangeMessage[]): Promise<void>;
}
