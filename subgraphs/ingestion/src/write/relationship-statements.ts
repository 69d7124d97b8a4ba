import { escapeName, labelExpression, type Statement } from '@memgate/cypher';
import type { NodeType, RelationshipField } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';

/** One row of a connect: its position in the batch, both keys and the properties, as Bolt values. */
export interface ConnectRow {
  readonly i: number;
  readonly fromKey: Record<string, unknown>;
  readonly toKey: Record<string, unknown>;
  readonly props: Record<string, unknown>;
}

export interface DisconnectRow {
  readonly i: number;
  readonly fromKey: Record<string, unknown>;
  readonly toKey: Record<string, unknown>;
}

/** A row of a delete: its place in the statement and the key of the node. */
export interface DeleteRow {
  readonly i: number;
  readonly key: Record<string, unknown>;
}

/** Which relationship a statement writes: start type, its OUT field, and one concrete end type. */
export interface RelationshipTarget {
  readonly from: NodeType;
  readonly field: RelationshipField;
  readonly to: NodeType;
}

/** `(a:`Person` {`id`: row.fromKey.`id`})`: a node by primary label and key, from a row map. */
function nodePattern(variable: string, node: NodeType, rowKey: string): string {
  const [primary] = node.labels;
  if (primary === undefined) throw new Error(`${node.name} has no label`);
  const key = keyScalarFields(node)
    .map((field) => `${escapeName(field.property)}: row.${rowKey}.${escapeName(field.property)}`)
    .join(', ');
  return `(${variable}${labelExpression([primary])} {${key}})`;
}

/**
 * Creates or updates one relationship per row between two nodes found by
 * key. MERGE on the pattern keeps a single relationship per pair however
 * often the row is applied. A row whose start or end node is missing
 * matches nothing and writes nothing; the statement answers the rows that
 * were written (`row.i`, in one list), so the writer can reject the others
 * instead of losing them.
 */
export function connectStatement(
  target: RelationshipTarget,
  rows: readonly ConnectRow[],
): Statement {
  const lines = [
    'UNWIND $rows AS row',
    `MATCH ${nodePattern('a', target.from, 'fromKey')}`,
    `MATCH ${nodePattern('b', target.to, 'toKey')}`,
    `MERGE (a)-[r:${escapeName(target.field.type)}]->(b)`,
    ...(target.field.properties ? ['SET r += row.props'] : []),
    'RETURN collect(row.i) AS rows',
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
    `OPTIONAL MATCH ${nodePattern('a', target.from, 'fromKey')}`,
    `OPTIONAL MATCH ${nodePattern('b', target.to, 'toKey')}`,
    'RETURN row.i AS i, a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound',
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
    `MATCH ${nodePattern('a', target.from, 'fromKey')}-[r:${escapeName(target.field.type)}]->${nodePattern('b', target.to, 'toKey')}`,
    'DELETE r',
    'RETURN collect(row.i) AS rows',
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
    `MATCH ${nodePattern('n', node, 'key')}`,
    'DETACH DELETE n',
    'RETURN collect(row.i) AS rows',
  ].join('\n');
  return { text, params: { rows } };
}
