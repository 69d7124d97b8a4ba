import type { Statement } from '@memgate/cypher';
import type { GraphModel, NodeType } from '@memgate/graph-model';
import { entityMessageKey } from '../model/entity-key.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { nodeUpsertStatement } from './node-upsert-statement.js';
import { endKeys, nodeTypeOf, relationshipProps, relationshipTarget } from './relationship-rows.js';
import {
  connectStatement,
  disconnectStatement,
  nodeDeleteStatement,
  type ConnectRow,
  type DisconnectRow,
  type RelationshipTarget,
} from './relationship-statements.js';
import type { BatchRecord } from './write-batch.js';
import { keyRow, toWriteRow, type WriteRow } from './write-rows.js';

/** A statement of the batch transaction; connects also say which rows they are made of. */
export interface PlannedStep {
  readonly statement: Statement;
  readonly connect?: { readonly target: RelationshipTarget; readonly rows: readonly ConnectRow[] };
}

export interface WritePlan {
  /** Data statements in the order they must run. */
  readonly steps: readonly PlannedStep[];
  /** Records refused while planning (a value of the wrong type…), by index in the batch. */
  readonly refused: ReadonlyMap<number, string>;
  /** What each connect row stands for, by `row.i`: to say which record a missing end rejects. */
  readonly connectRows: readonly ConnectRowOrigin[];
}

export interface ConnectRowOrigin {
  /** Index of the batch record the row belongs to. */
  readonly record: number;
  /** `Person.knows`. */
  readonly relationship: string;
  /** Entity keys of both ends, e.g. `Person:p1`. */
  readonly from: string;
  readonly to: string;
}

/**
 * Turns the records of a batch into the statements of its transaction: one
 * `UNWIND` per node type or relationship (and end type) per segment, node
 * upserts first, then connects, disconnects and deletes.
 *
 * Grouping reorders operations, which is harmless while they commute. When
 * an operation would not commute with one grouped before it (an upsert of a
 * node deleted earlier in the batch, a connect after a disconnect of the
 * same pair or a delete of an end), a new segment starts, so the batch ends
 * as if applied in partition order. Upserts of a segment run before its
 * connects: a connect finds the nodes its own batch creates.
 *
 * A record is planned whole or not at all: if one of its operations does
 * not fit the model, none of them is written and the record is refused.
 */
export function planWrite(model: GraphModel, records: readonly BatchRecord[]): WritePlan {
  const refused = new Map<number, string>();
  const connectRows: ConnectRowOrigin[] = [];
  const segments: Segment[] = [new Segment()];

  records.forEach((record, index) => {
    if (record.rejection !== undefined) {
      refused.set(index, record.rejection);
      return;
    }
    let planned: PlannedOperation[];
    try {
      planned = record.operations.map((operation) => planOperation(model, operation));
    } catch (error) {
      refused.set(index, error instanceof Error ? error.message : String(error));
      return;
    }
    for (const operation of planned) {
      let segment = segments[segments.length - 1] as Segment;
      if (segment.conflictsWith(operation)) segments.push((segment = new Segment()));
      if (operation.kind === 'connect') {
        operation.row = { ...operation.row, i: connectRows.length };
        connectRows.push({
          record: index,
          relationship: `${operation.target.from.name}.${operation.target.field.name}`,
          from: operation.ends[0],
          to: operation.ends[1],
        });
      }
      segment.add(operation);
    }
  });

  return { steps: segments.flatMap((segment) => segment.steps()), refused, connectRows };
}

type PlannedOperation =
  | { kind: 'upsertNode'; node: NodeType; entity: string; row: WriteRow }
  | { kind: 'deleteNode'; node: NodeType; entity: string; row: { key: Record<string, unknown> } }
  | {
      kind: 'connect';
      target: RelationshipTarget;
      ends: readonly [string, string];
      pair: string;
      row: ConnectRow;
    }
  | { kind: 'disconnect'; target: RelationshipTarget; pair: string; row: DisconnectRow };

function planOperation(model: GraphModel, operation: GraphOperation): PlannedOperation {
  switch (operation.kind) {
    case 'upsertNode': {
      const node = nodeTypeOf(model, operation.type);
      return {
        kind: 'upsertNode',
        node,
        entity: entityMessageKey(node.name, operation.key),
        row: toWriteRow(node, operation),
      };
    }
    case 'deleteNode': {
      const node = nodeTypeOf(model, operation.type);
      return {
        kind: 'deleteNode',
        node,
        entity: entityMessageKey(node.name, operation.key),
        row: { key: keyRow(node, operation.key) },
      };
    }
    case 'connect':
    case 'disconnect': {
      const target = relationshipTarget(model, operation);
      const from = entityMessageKey(target.from.name, operation.from);
      const to = entityMessageKey(target.to.name, operation.to.key);
      const pair = `${target.from.name}.${target.field.name} ${from} -> ${to}`;
      const keys = endKeys(target, operation);
      return operation.kind === 'connect'
        ? {
            kind: 'connect',
            target,
            ends: [from, to],
            pair,
            row: { i: -1, ...keys, props: relationshipProps(model, target, operation) },
          }
        : { kind: 'disconnect', target, pair, row: keys };
    }
  }
}

/** Rows grouped per statement, in first-seen order, plus what the ordering rules need. */
class Segment {
  private readonly upserts = new Map<NodeType, WriteRow[]>();
  private readonly connects = new Map<string, { target: RelationshipTarget; rows: ConnectRow[] }>();
  private readonly disconnects = new Map<
    string,
    { target: RelationshipTarget; rows: DisconnectRow[]; seen: Set<string> }
  >();
  private readonly deletes = new Map<NodeType, { rows: { key: Record<string, unknown> }[] }>();
  private readonly deleted = new Set<string>();
  private readonly disconnected = new Set<string>();

  conflictsWith(operation: PlannedOperation): boolean {
    switch (operation.kind) {
      case 'upsertNode':
        return this.deleted.has(operation.entity);
      case 'connect':
        return (
          this.deleted.has(operation.ends[0]) ||
          this.deleted.has(operation.ends[1]) ||
          this.disconnected.has(operation.pair)
        );
      default:
        return false;
    }
  }

  add(operation: PlannedOperation): void {
    switch (operation.kind) {
      case 'upsertNode':
        push(this.upserts, operation.node, () => [], operation.row);
        return;
      case 'connect': {
        const group = groupOf(this.connects, operation.target, () => ({
          target: operation.target,
          rows: [],
        }));
        group.rows.push(operation.row);
        return;
      }
      case 'disconnect': {
        // Deleting one relationship twice in a statement is an error on some engines.
        const group = groupOf(this.disconnects, operation.target, () => ({
          target: operation.target,
          rows: [],
          seen: new Set<string>(),
        }));
        this.disconnected.add(operation.pair);
        if (group.seen.has(operation.pair)) return;
        group.seen.add(operation.pair);
        group.rows.push(operation.row);
        return;
      }
      case 'deleteNode': {
        if (this.deleted.has(operation.entity)) return;
        this.deleted.add(operation.entity);
        const group = this.deletes.get(operation.node) ?? { rows: [] };
        this.deletes.set(operation.node, group);
        group.rows.push(operation.row);
        return;
      }
    }
  }

  steps(): PlannedStep[] {
    return [
      ...[...this.upserts].map(([node, rows]) => ({ statement: nodeUpsertStatement(node, rows) })),
      ...[...this.connects.values()].map(({ target, rows }) => ({
        statement: connectStatement(target, rows),
        connect: { target, rows },
      })),
      ...[...this.disconnects.values()].map(({ target, rows }) => ({
        statement: disconnectStatement(target, rows),
      })),
      ...[...this.deletes].map(([node, { rows }]) => ({
        statement: nodeDeleteStatement(node, rows),
      })),
    ];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, create: () => V[], value: V): void {
  const list = map.get(key) ?? create();
  map.set(key, list);
  list.push(value);
}

/** One statement per start type, field and concrete end type. */
function groupOf<G>(map: Map<string, G>, target: RelationshipTarget, create: () => G): G {
  const id = `${target.from.name}.${target.field.name}->${target.to.name}`;
  const group = map.get(id) ?? create();
  map.set(id, group);
  return group;
}
