import { escapeName, labelExpression, type Statement } from '@memgate/cypher';
import type { NodeType } from '@memgate/graph-model';
import { nodeKeyPattern } from './node-key-pattern.js';
import type { RowKey } from './write-rows.js';

/** A row of an upsert statement: its place in the statement (`row[0]`), the node's key and properties. */
export type UpsertRow = readonly [i: number, key: RowKey, props: Record<string, unknown>];

/**
 * Set on a node only while the statement that created it runs, and removed
 * by that same statement: how an upsert tells the rows that created their
 * node from those that found one, which MERGE does not say. No model
 * property can take the name: GraphQL reserves names that start with `__`
 * for fields, and the model parser refuses them in `@alias`.
 */
export const CREATED_MARKER = '__memgateCreated';

/**
 * One statement for all rows of a node type in a batch: MERGE finds the node
 * by its primary label and key (both indexed at start-up, so no scan) or
 * creates it, then `+=` sets only the properties the rows carry. Re-running
 * it with the same rows leaves the graph as it was: the write is idempotent.
 * It answers the rows it wrote (`rows`) and those that created their node
 * (`created`, for the change events): one record of two lists, not a
 * record per row, as thousands of records cost the driver more than the
 * statement. Labels and property names come from the model, escaped; every
 * value is a parameter.
 *
 * When rows of one new node run after one another, a later row may still
 * see the marker the first one set (the engine may run the statement one
 * clause at a time over all rows): that node counts as created all the
 * same, which is what its change event says.
 */
export function nodeUpsertStatement(node: NodeType, rows: readonly UpsertRow[]): Statement {
  const setLabels = node.labels.length > 1 ? `, n${labelExpression(node.labels.slice(1))}` : '';
  const marker = `n.${escapeName(CREATED_MARKER)}`;
  const text = [
    'UNWIND $rows AS row',
    `MERGE ${nodeKeyPattern('n', node, 'row[1]')}`,
    `ON CREATE SET ${marker} = true`,
    `SET n += row[2]${setLabels}`,
    `WITH row, n, ${marker} IS NOT NULL AS isNew`,
    `REMOVE ${marker}`,
    // collect() leaves out the nulls of the rows that found their node.
    'RETURN collect(row[0]) AS rows, collect(CASE WHEN isNew THEN row[0] END) AS created',
  ].join('\n');
  return { text, params: { rows } };
}
