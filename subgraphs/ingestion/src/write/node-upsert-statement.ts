import { labelExpression, type Statement } from '@memgate/cypher';
import type { NodeType } from '@memgate/graph-model';
import { nodeKeyPattern } from './node-key-pattern.js';
import type { RowKey } from './write-rows.js';

/** A row of an upsert statement: its place in the statement (`row[0]`), the node's key and properties. */
export type UpsertRow = readonly [i: number, key: RowKey, props: Record<string, unknown>];

/**
 * One statement for all rows of a node type in a batch: MERGE finds the node
 * by its primary label and key (both indexed at start-up, so no scan) or
 * creates it, then `+=` sets only the properties the rows carry. Re-running
 * it with the same rows leaves the graph as it was: the write is idempotent.
 * The answer is one record of a list, not a record per row: thousands of
 * records cost the driver more than the statement. Labels and property
 * names come from the model, escaped; every value is a parameter.
 */
export function nodeUpsertStatement(node: NodeType, rows: readonly UpsertRow[]): Statement {
  const setLabels = node.labels.length > 1 ? `, n${labelExpression(node.labels.slice(1))}` : '';
  const text = [
    'UNWIND $rows AS row',
    `MERGE ${nodeKeyPattern('n', node, 'row[1]')}`,
    `SET n += row[2]${setLabels}`,
    'RETURN collect(row[0]) AS rows',
  ].join('\n');
  return { text, params: { rows } };
}

/**
 * Run just before the upsert, in its transaction: which rows name a node
 * that is already there (`found`), so the others are the ones the upsert
 * creates — the `created` of the change events, as MERGE cannot tell. A
 * read of its own: the same probe as an OPTIONAL MATCH inside the upsert
 * made the engine plan an eager write and cost ~3× as much (bench: ingest).
 */
export function existingNodesStatement(node: NodeType, rows: readonly UpsertRow[]): Statement {
  const text = [
    'UNWIND $rows AS row',
    `MATCH ${nodeKeyPattern('n', node, 'row[1]')}`,
    'RETURN collect(row[0]) AS found',
  ].join('\n');
  return { text, params: { rows: rows.map(([i, key]) => [i, key]) } };
}
