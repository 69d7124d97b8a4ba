import type { NodeType } from '@memgate/graph-model';
import type { DeleteNodeOperation, ReceiptRef } from './graph-operation.js';
import { keyFromInput } from './key-input.js';

/** `deletePeople(keys:)` as delete operations, in input order. */
export function deletesToOperations(
  node: NodeType,
  keys: readonly unknown[],
  receipt: ReceiptRef,
): DeleteNodeOperation[] {
  return keys.map((key, index) => ({
    kind: 'deleteNode',
    type: node.name,
    key: keyFromInput(node, key, `keys[${index}]`),
    receipt,
  }));
}
