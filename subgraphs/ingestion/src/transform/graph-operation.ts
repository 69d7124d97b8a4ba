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

/** One node by its type and its key field values in `@key` order. */
export interface EntityRef {
  readonly type: string;
  readonly key: readonly JsonScalar[];
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

/**
 * Create or update the relationship of an outgoing relationship field
 * (`Person.knows`) between two existing nodes. Both ends must exist when
 * the operation is written; otherwise it is rejected, never dropped.
 */
export interface ConnectOperation {
  readonly kind: 'connect';
  /** The node type that declares the field: the start of the relationship. */
  readonly type: string;
  /** The outgoing relationship field, as named in the graph SDL. */
  readonly field: string;
  /** Key of the start node, in `@key` order. */
  readonly from: readonly JsonScalar[];
  /** The end node: a concrete type, also when the field targets an interface or union. */
  readonly to: EntityRef;
  /** Relationship properties by field name of the `@relationshipProperties` type. */
  readonly properties: Readonly<Record<string, JsonValue>>;
  readonly receipt: ReceiptRef;
}

/** Remove the relationship of `type.field` between two nodes, if it is there. */
export interface DisconnectOperation {
  readonly kind: 'disconnect';
  readonly type: string;
  readonly field: string;
  readonly from: readonly JsonScalar[];
  readonly to: EntityRef;
  readonly receipt: ReceiptRef;
}

/** Remove a node and every relationship it has, if it is there. */
export interface DeleteNodeOperation {
  readonly kind: 'deleteNode';
  readonly type: string;
  readonly key: readonly JsonScalar[];
  readonly receipt: ReceiptRef;
}

/** Every kind of change the write phase applies. */
export type GraphOperation =
  UpsertNodeOperation | ConnectOperation | DisconnectOperation | DeleteNodeOperation;

export type RelationshipOperation = ConnectOperation | DisconnectOperation;

/**
 * The entity whose Kafka partition an operation goes to: the node itself,
 * or the start node of a relationship, so every change that starts at one
 * node stays in order.
 */
export function orderingEntity(operation: GraphOperation): EntityRef {
  return operation.kind === 'connect' || operation.kind === 'disconnect'
    ? { type: operation.type, key: operation.from }
    : { type: operation.type, key: operation.key };
}
