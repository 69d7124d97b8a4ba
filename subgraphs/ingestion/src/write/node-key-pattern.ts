import { escapeName, labelExpression } from '@memgate/cypher';
import type { NodeType } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';

/**
 * `(n:`Primary` {`id`: row[1][0]})`: the indexed lookup of a node by its
 * primary label and key, whose values (in `@key` order) are at `keyPath`.
 */
export function nodeKeyPattern(variable: string, node: NodeType, keyPath: string): string {
  const [primary] = node.labels;
  if (primary === undefined) throw new Error(`${node.name} has no label`);
  const key = keyScalarFields(node)
    .map((field, index) => `${escapeName(field.property)}: ${keyPath}[${index}]`)
    .join(', ');
  return `(${variable}${labelExpression([primary])} {${key}})`;
}
