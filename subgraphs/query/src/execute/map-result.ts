import { fromBolt } from '@memgate/cypher';
import { MemgateError } from '@memgate/platform/errors';
import type { Record as BoltRecord } from 'neo4j-driver';
import type {
  ConnectionSelection,
  Member,
  NodeProjection,
  Page,
  RootQuery,
} from '../translate/ast/query-ast.js';
import { INDEX_COLUMN, RESULT_COLUMN } from '../translate/printer/print-root-query.js';
import { encodeCursor } from './cursors.js';

type Row = Record<string, unknown>;

export interface MappingLimits {
  readonly maxListSize: number;
  /** All objects in one root field's result; guards memory across nested lists. */
  readonly maxResultObjects: number;
}

/**
 * Turns the rows of one statement into the GraphQL-shaped value of its root
 * field: Bolt values to JavaScript, connection pages with cursors and
 * pageInfo, abstract types resolved, and size limits enforced (a result over
 * a limit is an error, never silently cut).
 */
export class ResultMapper {
  private objects = 0;

  constructor(private readonly limits: MappingLimits) {}

  mapRoot(query: RootQuery, records: readonly BoltRecord[]): unknown {
    switch (query.kind) {
      case 'list': {
        const rows = records.map((record) => fromBolt(record.get(RESULT_COLUMN)));
        return this.list(rows, query.projection, query.kind);
      }
      case 'connection':
        return this.connection(query, fromBolt(records[0]?.get(RESULT_COLUMN)) as Row, query.page);
      case 'aggregate':
        return fromBolt(records[0]?.get(RESULT_COLUMN));
      case 'entities': {
        const answers: unknown[] = query.representations.map(() => null);
        for (const record of records) {
          const index = fromBolt(record.get(INDEX_COLUMN)) as number;
          answers[index] = this.node(fromBolt(record.get(RESULT_COLUMN)) as Row, query.projection);
        }
        return answers;
      }
    }
  }

  private list(
    rows: readonly unknown[],
    projection: NodeProjection,
    where: string,
  ): (Row | null)[] {
    if (rows.length > this.limits.maxListSize) {
      throw new MemgateError(
        'RESULT_TOO_LARGE',
        `The ${where} list holds more than ${this.limits.maxListSize} items; narrow it with where, limit or first.`,
        { details: { maxListSize: this.limits.maxListSize } },
      );
    }
    return rows.map((row) => this.node(row as Row, projection));
  }

  private node(row: Row | null, projection: NodeProjection): Row | null {
    if (row === null) return null;
    this.objects += 1;
    if (this.objects > this.limits.maxResultObjects) {
      throw new MemgateError(
        'RESULT_TOO_LARGE',
        `The result holds more than ${this.limits.maxResultObjects} objects; narrow the query.`,
        { details: { maxResultObjects: this.limits.maxResultObjects } },
      );
    }
    const type = projection.abstract
      ? projection.byType.find((candidate) => candidate.target.typeName === row['__typename'])
      : projection.byType[0];
    for (const member of type?.members ?? []) this.member(row, member);
    return row;
  }

  private member(row: Row, member: Member): void {
    const value = row[member.key];
    switch (member.kind) {
      case 'relationship':
        row[member.key] = member.single
          ? this.node(value as Row | null, member.projection)
          : this.list((value as unknown[] | null) ?? [], member.projection, member.key);
        break;
      case 'connection':
        row[member.key] = this.connection(member, value as Row, member.page);
        break;
      case 'cypher':
        if (member.projection) {
          const projection = member.projection;
          row[member.key] = Array.isArray(value)
            ? this.list(value, projection, member.key)
            : this.node(value as Row | null, projection);
        }
        break;
      default:
        break;
    }
  }

  /** `__edges` (one past the page when a next page exists) and `__total` become the selected fields. */
  private connection(selection: ConnectionSelection, raw: Row | null, page: Page): Row {
    const offset = page.offset ?? 0;
    const first = (page.limit ?? 1) - 1;
    const fetched = (raw?.['__edges'] as Row[] | undefined) ?? [];
    const edges = fetched.slice(0, first);
    const result: Row = {};
    for (const selected of selection.edges) {
      result[selected.key] = edges.map((edge, position) => {
        const item = { ...((edge[selected.key] as Row | undefined) ?? {}) };
        if (selected.node)
          item[selected.node.key] = this.node(
            item[selected.node.key] as Row,
            selected.node.projection,
          );
        for (const cursorKey of selected.cursorKeys)
          item[cursorKey] = encodeCursor(offset + position);
        return item;
      });
    }
    for (const key of selection.totalCountKeys) result[key] = raw?.['__total'] ?? 0;
    for (const info of selection.pageInfo) {
      const values: Row = {};
      for (const [key, field] of info.fields) {
        values[key] = {
          hasNextPage: fetched.length > first,
          hasPreviousPage: offset > 0,
          startCursor: edges.length > 0 ? encodeCursor(offset) : null,
          endCursor: edges.length > 0 ? encodeCursor(offset + edges.length - 1) : null,
        }[field];
      }
      result[info.key] = values;
    }
    return result;
  }
}
