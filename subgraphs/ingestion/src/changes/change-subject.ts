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

export function nodeSubject(
  node: NodeType,
  key: readonly JsonScalar[],
  receipt: ReceiptRef,
): ChangeSubject {
  return {
    messageKey: entityMessageKey(node.name, key),
    node: { typename: node.name, key: keyMap(node, key) },
    receiptId: receipt.id,
  };
}

export function relationshipSubject(
  from: { readonly node: NodeType; readonly key: readonly JsonScalar[] },
  relationship: { readonly type: string; readonly field: string },
  to: { readonly node: NodeType; readonly key: readonly JsonScalar[] },
  receipt: ReceiptRef,
): ChangeSubject {
  return {
    ...nodeSubject(from.node, from.key, receipt),
    relationship: {
      ...relationship,
      to: { typename: to.node.name, key: keyMap(to.node, to.key) },
    },
  };
}
