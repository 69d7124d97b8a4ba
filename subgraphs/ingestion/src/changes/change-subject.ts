import type { NodeType } from '@memgate/graph-model';
import { entityMessageKey } from '../model/entity-key.js';
import type { JsonScalar } from '../model/json-value.js';
import { keyScalarFields } from '../model/key-fields.js';
import type { ReceiptRef } from '../transform/graph-operation.js';
import type { KeyMap, NodeRef } from './change-event.js';

/**
 * What one row of a write statement changes, known when the batch is
 * planned; the statement's result says what actually happened (created or
 * updated, deleted or not there), which completes the event.
 */
export interface ChangeSubject {
  /** The Kafka key of its events: `<Typename>:<key>` of the node (the start node of a relationship). */
  readonly messageKey: string;
  /**
   * The node, or the pair of a relationship with its field: rows of one
   * batch with the same subject give one event.
   */
  readonly id: string;
  readonly node: NodeRef;
  readonly receiptId: string | undefined;
  readonly relationship?: {
    readonly type: string;
    readonly field: string;
    readonly to: NodeRef;
  };
}

/** Key values in `@key` order as a map by GraphQL field name. */
export function keyMap(node: NodeType, values: readonly JsonScalar[]): KeyMap {
  const key: Record<string, JsonScalar> = {};
  keyScalarFields(node).forEach((field, index) => {
    const value = values[index];
    if (value !== undefined) key[field.name] = value;
  });
  return key;
}

/** A node and its key; `messageKey` when the caller has made it already. */
export interface SubjectEnd {
  readonly node: NodeType;
  readonly key: readonly JsonScalar[];
  readonly messageKey?: string;
}

export function nodeSubject(end: SubjectEnd, receipt: ReceiptRef): ChangeSubject {
  const messageKey = end.messageKey ?? entityMessageKey(end.node.name, end.key);
  return {
    messageKey,
    id: messageKey,
    node: { typename: end.node.name, key: keyMap(end.node, end.key) },
    receiptId: receipt.id,
  };
}

export function relationshipSubject(
  from: SubjectEnd,
  relationship: { readonly type: string; readonly field: string },
  to: SubjectEnd,
  receipt: ReceiptRef,
): ChangeSubject {
  const start = nodeSubject(from, receipt);
  const toKey = to.messageKey ?? entityMessageKey(to.node.name, to.key);
  return {
    ...start,
    id: `${start.messageKey} ${relationship.field} ${toKey}`,
    relationship: {
      type: relationship.type,
      field: relationship.field,
      to: { typename: to.node.name, key: keyMap(to.node, to.key) },
    },
  };
}
