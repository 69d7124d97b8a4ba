import { escapeName, labelExpression, type Statement } from '@memgate/cypher';
import type { NodeType } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';
import type { WriteRow } from './write-rows.js';

/** A row of an upsert statement: its place in the statement (`row.i`) and what it writes. */
export interface UpsertRow extends WriteRow {
  readonly i: number;
}

/**
 * One statement for all rows of a node type in a batch: MERGE finds the node
 * by its primary label and key (both indexed at start-up, so no scan) or
 * creates it, then `+=` sets only the properties the rows carry. Re-running
 * it with the same rows leaves the graph as it was: the write is idempotent.
 *
 * The OPTIONAL MATCH before the MERGE says whether each row created its
 * node, for the change events (`created` or `updated`): MERGE itself cannot
 * tell, and `ON CREATE SET` would have to store a marker on the node. It
 * is one more index lookup per row. The answer is one record of two lists,
 * not a record per row: thousands of records cost the driver more than the
 * statement. Labels and property names come from the model, escaped; every
 * value is a parameter.
 */
export function nodeUpsertStatement(node: NodeType, rows: readonly UpsertRow[]): Statement {
  const [primary, ...others] = node.labels;
  if (primary === undefined) throw new Error(`${node.name} has no label`);
  const key = keyScalarFields(node)
    .map((field) => `${escapeName(field.property)}: row.key.${escapeName(field.property)}`)
    .join(', ');
  const setLabels = others.length > 0 ? `, n${labelExpression(others)}` : '';
  const text = [
    'UNWIND $rows AS row',
    `OPTIONAL MATCH (found${labelExpression([primary])} {${key}})`,
    'WITH row, found IS NULL AS created',
    `MERGE (n${labelExpression([primary])} {${key}})`,
    `SET n += row.props${setLabels}`,
    'RETURN collect(row.i) AS rows, collect(CASE WHEN created THEN row.i END) AS created',
  ].join('\n');
  return { text, params: { rows } };
}
