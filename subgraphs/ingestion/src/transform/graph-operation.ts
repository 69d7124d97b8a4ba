import type { JsonScalar, JsonValue } from '../model/json-value.js';

/**
 * What a worker needs to account for an operation on its receipt, carried in
 * every message: the worker can then create the receipt itself if the
 * acceptance-time write of it failed or has not landed yet.
 */
export interface ReceiptRef {
  readonly id: string;
  readonly source: string;
  /** Records the whole request enqueued. */
  readonly accepted: number;
  /** ISO-8601, when the request was accepted. */
  readonly createdAt: string;
}

/**
 * Create a node or update it, found by its key. `fields` holds only what the
 * producer gave: absent fields are left alone, `null` removes a property.
 * Fields are named as in the graph SDL; the writer maps them to properties.
 */
export interface UpsertNodeOperation {
  readonly kind: 'upsertNode';
  /** The node type, e.g. `Person`. */
  readonly type: string;
  /** Key field values in `@key` order. */
  readonly key: readonly JsonScalar[];
  readonly fields: Readonly<Record<string, JsonValue>>;
  readonly receipt: ReceiptRef;
}

/** Every kind of change the write phase applies; relationships and deletes come next. */
export type GraphOperation = UpsertNodeOperation;
