import { escapeName, labelExpression, type Statement } from '@memgate/cypher';
import type { NodeType } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';
import type { WriteRow } from './write-rows.js';

/**
 * One statement for all rows of a node type in a batch: MERGE finds the node
 * by its primary label and key (both indexed at start-up, so no scan) or
 * creates it, then `+=` sets only the properties the rows carry. Re-running
 * it with the same rows leaves the graph as it was: the write is idempotent.
 * Labels and property names come from the model, escaped; every value is a
 * parameter.
 */
export function nodeUpsertStatement(node: NodeType, rows: readonly WriteRow[]): Statement {
  const [primary, ...others] = node.labels;
  if (primary === undefined) throw new Error(`${node.name} has no label`);
  const key = keyScalarFields(node)
    .map((field) => `${escapeName(field.property)}: row.key.${escapeName(field.property)}`)
    .join(', ');
  const setLabels = others.length > 0 ? `, n${labelExpression(others)}` : '';
  const text = [
    'UNWIND $rows AS row',
    `MERGE (n${labelExpression([primary])} {${key}})`,
    `SET n += row.props${setLabels}`,
  ].join('\n');
  return { text, params: { rows } };
}
