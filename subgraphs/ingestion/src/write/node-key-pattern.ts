import { escapeName, labelExpression } from '@memgate/cypher';
import type { NodeType } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';

/**
 * `(n:`Primary` {`id`: row[1]})`: the indexed lookup of a node by its
 * primary label and key, found at `keyPath` as `RowKey` puts it there (the
 * value of a single key field; else `row[1][0]`, `row[1][1]`… in `@key`
 * order).
 */
export function nodeKeyPattern(variable: string, node: NodeType, keyPath: string): string {
  const [primary] = node.labels;
  if (primary === undefined) throw new Error(`${node.name} has no label`);
  const fields = keyScalarFields(node);
  const key = fields
    .map((field, index) => {
      const value = fields.length === 1 ? keyPath : `${keyPath}[${index}]`;
      return `${escapeName(field.property)}: ${value}`;
    })
    .join(', ');
  return `(${variable}${labelExpression([primary])} {${key}})`;
}
