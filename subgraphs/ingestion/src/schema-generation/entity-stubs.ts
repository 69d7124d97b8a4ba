import type { NodeType } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';
import { block, scalarTypeRef } from './sdl-printing.js';

/**
 * A node type as this subgraph knows it: its key fields only. `resolvable:
 * false` tells the gateway to fetch every other field from the query
 * subgraph, which owns the read API.
 */
export function entityStubType(node: NodeType): string {
  const keys = keyScalarFields(node);
  const lines = keys.map((field) => `${field.name}: ${scalarTypeRef(field, true)}`);
  const header = `${node.name} @key(fields: "${node.keyFields.join(' ')}", resolvable: false)`;
  return block('type', header, lines);
}
