import type { Statement } from '@memgate/cypher';
import type { GraphModel, NodeType } from '@memgate/graph-model';
import { nodeSubject, relationshipSubject, type ChangeSubject } from '../changes/change-subject.js';
import { entityMessageKey } from '../model/entity-key.js';
import type { ConnectOperation, GraphOperation } from '../transform/graph-operation.js';
import { nodeUpsertStatement, type UpsertRow } from './node-upsert-statement.js';
import { endKeys, nodeTypeOf, relationshipProps, relationshipTarget } from './relationship-rows.js';
import {
  connectStatement,
  disconnectStatement,
  nodeDeleteStatement,
  setsProperties,
  type ConnectRow,
  type DeleteRow,
  type DisconnectRow,
  type RelationshipTarget,
} from './relationship-statements.js';
import type { BatchRecord } from './write-batch.js';
import { rowKey, toWriteRow, type RowKey } from './write-rows.js';

/** Where a statement row comes from: its batch record, and what it changes. */
export interface RowOrigin {
  /** Index of the batch record the row belongs to. */
  readonly record: number;
  readonly subject: ChangeSubject;
}

/** A connect row's origin, with the names a rejection message uses. */
export interface ConnectRowOrigin extends RowOrigin {
  /** `Person.knows`. */
  readonly relationship: string;
  /** Entity keys of both ends, e.g. `Person:p1`. */
  readonly from: string;
  readonly to: string;
}

export type StepKind = 'upsert' | 'connect' | 'disconnect' | 'delete';

/**
 * A statement of the batch transaction. Every row starts with `i`, its
 * index in `origins`; the statement returns the `i` of the rows that
 * changed something, which the writer turns into change events.
 */
export type PlannedStep =
  | {
      readonly kind: 'upsert';
      readonly statement: Statement;
      readonly origins: readonly RowOrigin[];
    }
  | {
      readonly kind: 'disconnect' | 'delete';
      readonly statement: Statement;
      readonly origins: readonly RowOrigin[];
    }
  | {
      readonly kind: 'connect';
      readonly statement: Statement;
      readonly origins: readonly ConnectRowOrigin[];
      /** To ask why rows wrote nothing. */
      readonly target: RelationshipTarget;
      readonly rows: readonly ConnectRow[];
    };

export interface WritePlan {
  /** Data statements in the order they must run. */
  readonly steps: readonly PlannedStep[];
  /** Records refused while planning (a value of the wrong type…), by index in the batch. */
  readonly refused: ReadonlyMap<number, string>;
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
  return new WritePlanner(model).add(records).finish();
}

/**
 * `planWrite` a part at a time: `add` the batch's records in order, in as
 * many calls as suits the caller (a worker yields to its event loop between
 * them), then `finish`. The plan is the same however the records were cut.
 */
export class WritePlanner {
  private readonly refused = new Map<number, string>();
  private readonly segments: Segment[] = [new Segment()];
  /** Index in the batch of the next record added. */
  private next = 0;

  constructor(private readonly model: GraphModel) {}

  add(records: readonly BatchRecord[]): this {
    for (const record of records) this.plan(record, this.next++);
    return this;
  }

  finish(): WritePlan {
    return { steps: this.segments.flatMap((segment) => segment.steps()), refused: this.refused };
  }

  private plan(record: BatchRecord, index: number): void {
    if (record.rejection !== undefined) {
      this.refused.set(index, record.rejection);
      return;
    }
    let planned: PlannedOperation[];
    try {
      planned = record.operations.map((operation) => planOperation(this.model, operation, index));
    } catch (error) {
      this.refused.set(index, error instanceof Error ? error.message : String(error));
      return;
    }
    for (const operation of planned) {
      let segment = this.segments[this.segments.length - 1] as Segment;
      if (segment.conflictsWith(operation)) this.segments.push((segment = new Segment()));
      segment.add(operation);
    }
  }
}

type PlannedOperation =
  | { kind: 'upsertNode'; node: NodeType; entity: string; row: Row<UpsertRow>; origin: RowOrigin }
  | { kind: 'deleteNode'; node: NodeType; entity: string; row: Row<DeleteRow>; origin: RowOrigin }
  | {
      kind: 'connect';
      target: RelationshipTarget;
      ends: readonly [string, string];
      pair: string;
      row: Row<ConnectRow>;
      origin: ConnectRowOrigin;
    }
  | {
      kind: 'disconnect';
      target: RelationshipTarget;
      pair: string;
      row: Row<DisconnectRow>;
      origin: RowOrigin;
    };

/** A row before it has its place in a statement: all but its leading `i`. */
type Row<T extends readonly [number, ...unknown[]]> = T extends readonly [number, ...infer Rest]
  ? Rest
  : never;

function planOperation(
  model: GraphModel,
  operation: GraphOperation,
  record: number,
): PlannedOperation {
  switch (operation.kind) {
    case 'upsertNode': {
      const node = nodeTypeOf(model, operation.type);
      const { key, props } = toWriteRow(node, operation);
      const entity = entityMessageKey(node.name, operation.key);
      return {
        kind: 'upsertNode',
        node,
        entity,
        row: [key, props],
        origin: {
          record,
          subject: nodeSubject({ node, key: operation.key, messageKey: entity }, operation.receipt),
        },
      };
    }
    case 'deleteNode': {
      const node = nodeTypeOf(model, operation.type);
      const entity = entityMessageKey(node.name, operation.key);
      return {
        kind: 'deleteNode',
        node,
        entity,
        row: [rowKey(node, operation.key)],
        origin: {
          record,
          subject: nodeSubject({ node, key: operation.key, messageKey: entity }, operation.receipt),
        },
      };
    }
    case 'connect':
    case 'disconnect': {
      const target = relationshipTarget(model, operation);
      const from = entityMessageKey(target.from.name, operation.from);
      const to = entityMessageKey(target.to.name, operation.to.key);
      const pair = `${target.from.name}.${target.field.name} ${from} -> ${to}`;
      const [fromKey, toKey] = endKeys(target, operation);
      const subject = relationshipSubject(
        { node: target.from, key: operation.from, messageKey: from },
        { type: target.field.type, field: target.field.name },
        { node: target.to, key: operation.to.key, messageKey: to },
        operation.receipt,
      );
      return operation.kind === 'connect'
        ? {
            kind: 'connect',
            target,
            ends: [from, to],
            pair,
            row: connectRowFields(model, target, operation, fromKey, toKey),
            origin: {
              record,
              subject,
              relationship: `${target.from.name}.${target.field.name}`,
              from,
              to,
            },
          }
        : { kind: 'disconnect', target, pair, row: [fromKey, toKey], origin: { record, subject } };
    }
  }
}

/**
 * A connect row's keys, and its properties when the relationship has a
 * properties type (checked either way: a property it cannot hold refuses
 * the record). Without one the statement sets none, and the row carries no
 * empty map for Bolt to pack.
 */
function connectRowFields(
  model: GraphModel,
  target: RelationshipTarget,
  operation: ConnectOperation,
  fromKey: RowKey,
  toKey: RowKey,
): Row<ConnectRow> {
  const props = relationshipProps(model, target, operation);
  return setsProperties(target) ? [fromKey, toKey, props] : [fromKey, toKey];
}

/** The rows of one statement and where each comes from; `i` is the row's index in both. */
class RowGroup<Fields extends readonly unknown[], O extends RowOrigin = RowOrigin> {
  readonly rows: (readonly [i: number, ...fields: Fields])[] = [];
  readonly origins: O[] = [];

  add(fields: Fields, origin: O): void {
    this.rows.push([this.rows.length, ...fields]);
    this.origins.push(origin);
  }
}

/** Rows grouped per statement, in first-seen order, plus what the ordering rules need. */
class Segment {
  private readonly upserts = new Map<NodeType, RowGroup<Row<UpsertRow>>>();
  private readonly connects = new Map<
    string,
    { target: RelationshipTarget; group: RowGroup<Row<ConnectRow>, ConnectRowOrigin> }
  >();
  private readonly disconnects = new Map<
    string,
    { target: RelationshipTarget; group: RowGroup<Row<DisconnectRow>>; seen: Set<string> }
  >();
  private readonly deletes = new Map<NodeType, RowGroup<Row<DeleteRow>>>();
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
        getOrCreate(this.upserts, operation.node, () => new RowGroup()).add(
          operation.row,
          operation.origin,
        );
        return;
      case 'connect':
        getOrCreate(this.connects, targetId(operation.target), () => ({
          target: operation.target,
          group: new RowGroup<Row<ConnectRow>, ConnectRowOrigin>(),
        })).group.add(operation.row, operation.origin);
        return;
      case 'disconnect': {
        // Deleting one relationship twice in a statement is an error on some engines.
        const entry = getOrCreate(this.disconnects, targetId(operation.target), () => ({
          target: operation.target,
          group: new RowGroup<Row<DisconnectRow>>(),
          seen: new Set<string>(),
        }));
        this.disconnected.add(operation.pair);
        if (entry.seen.has(operation.pair)) return;
        entry.seen.add(operation.pair);
        entry.group.add(operation.row, operation.origin);
        return;
      }
      case 'deleteNode': {
        if (this.deleted.has(operation.entity)) return;
        this.deleted.add(operation.entity);
        getOrCreate(this.deletes, operation.node, () => new RowGroup()).add(
          operation.row,
          operation.origin,
        );
        return;
      }
    }
  }

  steps(): PlannedStep[] {
    return [
      ...[...this.upserts].map(([node, group]) => ({
        kind: 'upsert' as const,
        statement: nodeUpsertStatement(node, group.rows),
        origins: group.origins,
      })),
      ...[...this.connects.values()].map(({ target, group }) => ({
        kind: 'connect' as const,
        statement: connectStatement(target, group.rows),
        origins: group.origins,
        target,
        rows: group.rows,
      })),
      ...[...this.disconnects.values()].map(({ target, group }) => ({
        kind: 'disconnect' as const,
        statement: disconnectStatement(target, group.rows),
        origins: group.origins,
      })),
      ...[...this.deletes].map(([node, group]) => ({
        kind: 'delete' as const,
        statement: nodeDeleteStatement(node, group.rows),
        origins: group.origins,
      })),
    ];
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

/** One statement per start type, field and concrete end type. */
function targetId(target: RelationshipTarget): string {
  return `${target.from.name}.${target.field.name}->${target.to.name}`;
}
