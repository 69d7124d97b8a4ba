import { escapeName, type Statement } from '@memgate/cypher';
import type { NodeType, RelationshipField } from '@memgate/graph-model';
import { nodeKeyPattern } from './node-key-pattern.js';
import type { RowKey } from './write-rows.js';

/**
 * A row of a connect: its place in the statement, both keys and, when the
 * relationship has a properties type, its properties, as Bolt values.
 */
export type ConnectRow =
  | readonly [i: number, fromKey: RowKey, toKey: RowKey]
  | readonly [i: number, fromKey: RowKey, toKey: RowKey, props: Record<string, unknown>];

export type DisconnectRow = readonly [i: number, fromKey: RowKey, toKey: RowKey];

/** A row of a delete: its place in the statement and the key of the node. */
export type DeleteRow = readonly [i: number, key: RowKey];

/** Which relationship a statement writes: start type, its OUT field, and one concrete end type. */
export interface RelationshipTarget {
  readonly from: NodeType;
  readonly field: RelationshipField;
  readonly to: NodeType;
}

/**
 * Whether a connect of `target` sets properties: only a relationship with a
 * properties type has any. Its rows carry them (`row[3]`) only then.
 */
export function setsProperties(target: RelationshipTarget): boolean {
  return target.field.properties !== undefined;
}

/**
 * Creates or updates one relationship per row between two nodes found by
 * key. MERGE on the pattern keeps a single relationship per pair however
 * often the row is applied. A row whose start or end node is missing
 * matches nothing and writes nothing; the statement answers the rows that
 * were written (`row[0]`, in one list), so the writer can reject the others
 * instead of losing them.
 */
export function connectStatement(
  target: RelationshipTarget,
  rows: readonly ConnectRow[],
): Statement {
  const lines = [
    'UNWIND $rows AS row',
    `MATCH ${nodeKeyPattern('a', target.from, 'row[1]')}`,
    `MATCH ${nodeKeyPattern('b', target.to, 'row[2]')}`,
    `MERGE (a)-[r:${escapeName(target.field.type)}]->(b)`,
    ...(setsProperties(target) ? ['SET r += row[3]'] : []),
    'RETURN collect(row[0]) AS rows',
  ];
  return { text: lines.join('\n'), params: { rows } };
}

/**
 * Run only for connect rows that wrote nothing: which of their ends is
 * missing, so the rejection says what to fix.
 */
export function missingEndsStatement(
  target: RelationshipTarget,
  rows: readonly ConnectRow[],
): Statement {
  const text = [
    'UNWIND $rows AS row',
    `OPTIONAL MATCH ${nodeKeyPattern('a', target.from, 'row[1]')}`,
    `OPTIONAL MATCH ${nodeKeyPattern('b', target.to, 'row[2]')}`,
    'RETURN row[0] AS i, a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound',
  ].join('\n');
  return { text, params: { rows } };
}

/**
 * Removes the relationship between two nodes; a pair without one is left as
 * it is. Answers the rows that removed one, for the change events.
 */
export function disconnectStatement(
  target: RelationshipTarget,
  rows: readonly DisconnectRow[],
): Statement {
  const text = [
    'UNWIND $rows AS row',
    `MATCH ${nodeKeyPattern('a', target.from, 'row[1]')}-[r:${escapeName(target.field.type)}]->${nodeKeyPattern('b', target.to, 'row[2]')}`,
    'DELETE r',
    'RETURN collect(row[0]) AS rows',
  ].join('\n');
  return { text, params: { rows } };
}

/**
 * Removes nodes by key with all their relationships; a key without a node is
 * a no-op. Answers the rows that found a node to delete.
 */
export function nodeDeleteStatement(node: NodeType, rows: readonly DeleteRow[]): Statement {
  const text = [
    'UNWIND $rows AS row',
    `MATCH ${nodeKeyPattern('n', node, 'row[1]')}`,
    'DETACH DELETE n',
    'RETURN collect(row[0]) AS rows',
  ].join('\n');
  return { text, params: { rows } };
}
