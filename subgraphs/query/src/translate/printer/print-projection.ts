import { escapeName } from '@memgate/cypher';
import type {
  AggregateFieldSelection,
  AggregateMember,
  AggregateSelection,
  ConnectionMember,
  CypherMember,
  Hop,
  Member,
  NodeProjection,
  Predicate,
  RelationshipMember,
  SortKey,
  TypeProjection,
} from '../ast/query-ast.js';
import { toBoltInteger } from './bolt-params.js';
import {
  and,
  hopPattern,
  hopTypeCheck,
  mapLiteral,
  propertyAccess,
  typeCheck,
} from './patterns.js';
import { indent, type PrintContext, type Scope } from './print-context.js';
import { printPredicate } from './print-predicate.js';

/** An expression plus the CALL subqueries that must run before it, in order. */
export interface Printed {
  readonly subqueries: readonly string[];
  readonly expression: string;
}

const TYPE_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Members that need a CALL subquery: sorting related nodes, counting for a
 * connection or aggregating cannot be said in a pattern comprehension. A
 * relationship whose projection needs one needs one itself, because a
 * comprehension cannot contain a subquery.
 */
export function needsSubquery(member: Member): boolean {
  switch (member.kind) {
    case 'property':
      return false;
    case 'relationship':
      return member.sort.length > 0 || projectionNeedsSubquery(member.projection);
    default:
      return true;
  }
}

function projectionNeedsSubquery(projection: NodeProjection): boolean {
  return projection.byType.some((type) => type.members.some(needsSubquery));
}

export function printNodeProjection(
  projection: NodeProjection,
  scope: Scope,
  context: PrintContext,
): Printed {
  const subqueries: string[] = [];
  const mapFor = (type: TypeProjection): string => {
    const entries: [string, string][] = projection.abstract
      ? [['__typename', typeNameLiteral(type.target.typeName)]]
      : [];
    for (const member of type.members) {
      const printed = printMember(member, scope, context);
      subqueries.push(...printed.subqueries);
      entries.push([member.key, printed.expression]);
    }
    return mapLiteral(entries);
  };
  if (!projection.abstract) {
    const only = projection.byType[0];
    return { subqueries, expression: only ? mapFor(only) : '{}' };
  }
  const branches = projection.byType.map(
    (type) => `WHEN ${typeCheck(scope.node, [type.target])} THEN ${mapFor(type)}`,
  );
  return { subqueries, expression: `CASE ${branches.join(' ')} END` };
}

function typeNameLiteral(name: string): string {
  if (!TYPE_NAME.test(name)) throw new Error(`"${name}" is not a GraphQL type name`);
  return `'${name}'`;
}

export function printMember(member: Member, scope: Scope, context: PrintContext): Printed {
  switch (member.kind) {
    case 'property':
      return { subqueries: [], expression: propertyAccess(scope, member.ref) };
    case 'relationship':
      return needsSubquery(member)
        ? printRelationshipSubquery(member, scope, context)
        : printRelationshipComprehension(member, scope, context);
    case 'connection':
      return printConnection(member, scope, context);
    case 'aggregate':
      return printAggregateMember(member, scope, context);
    case 'cypher':
      return printCypherMember(member, scope, context);
  }
}

/** `MATCH … WHERE …` for one hop, with the target type check for abstract targets. */
function matchHop(
  from: string,
  hop: Hop,
  filter: Predicate | undefined,
  context: PrintContext,
): { lines: string[]; node: string; edge: string } {
  const edge = context.edgeVariable();
  const node = context.nodeVariable();
  const condition = and([
    hopTypeCheck(hop, node),
    filter ? printPredicate(filter, { node, edge }, context) : undefined,
  ]);
  const lines = [`MATCH ${hopPattern(from, hop, edge, node)}`];
  if (condition) lines.push(`WHERE ${condition}`);
  return { lines, node, edge };
}

export function orderAndPage(
  carried: readonly string[],
  sort: readonly SortKey[],
  page: { offset: number | undefined; limit: number | undefined },
  scope: Scope,
  context: PrintContext,
): string[] {
  if (sort.length === 0 && page.offset === undefined && page.limit === undefined) return [];
  const lines = [`WITH ${carried.join(', ')}`];
  if (sort.length > 0) {
    const keys = sort.map((key) => `${propertyAccess(scope, key)} ${key.direction}`);
    lines.push(`ORDER BY ${keys.join(', ')}`);
  }
  if (page.offset !== undefined && page.offset > 0)
    lines.push(`SKIP ${context.param(toBoltInteger(page.offset))}`);
  if (page.limit !== undefined) lines.push(`LIMIT ${context.param(toBoltInteger(page.limit))}`);
  return lines;
}

function callBlock(importing: string, body: readonly string[]): string {
  return `CALL {\n${indent([`WITH ${importing}`, ...body].join('\n'))}\n}`;
}

function printRelationshipComprehension(
  member: RelationshipMember,
  scope: Scope,
  context: PrintContext,
): Printed {
  const edge = context.edgeVariable();
  const node = context.nodeVariable();
  const condition = and([
    hopTypeCheck(member.hop, node),
    member.filter ? printPredicate(member.filter, { node, edge }, context) : undefined,
  ]);
  const projection = printNodeProjection(member.projection, { node, edge }, context);
  let list = `[${hopPattern(scope.node, member.hop, edge, node)}${condition ? ` WHERE ${condition}` : ''} | ${projection.expression}]`;
  const { offset, limit } = member.page;
  if (offset !== undefined || limit !== undefined) {
    const start = offset === undefined ? '' : context.param(toBoltInteger(offset));
    const end = limit === undefined ? '' : context.param(toBoltInteger((offset ?? 0) + limit));
    list = `${list}[${start}..${end}]`;
  }
  return { subqueries: [], expression: member.single ? `head(${list})` : list };
}

function printRelationshipSubquery(
  member: RelationshipMember,
  scope: Scope,
  context: PrintContext,
): Printed {
  const hop = matchHop(scope.node, member.hop, member.filter, context);
  const inner = { node: hop.node, edge: hop.edge };
  const ordering = orderAndPage([hop.edge, hop.node], member.sort, member.page, inner, context);
  const projection = printNodeProjection(member.projection, inner, context);
  const result = context.resultVariable();
  const collected = member.single
    ? `head(collect(${projection.expression}))`
    : `collect(${projection.expression})`;
  const body = [
    ...hop.lines,
    ...ordering,
    ...projection.subqueries,
    `RETURN ${collected} AS ${result}`,
  ];
  return { subqueries: [callBlock(scope.node, body)], expression: result };
}

/**
 * A relationship connection: one subquery for the page of edges (sorted,
 * one extra edge fetched to know whether a next page exists) and a pattern
 * comprehension for the total. The result mapper turns `__edges` and
 * `__total` into the selected edges, cursors, pageInfo and totalCount.
 */
function printConnection(member: ConnectionMember, scope: Scope, context: PrintContext): Printed {
  const entries: [string, string][] = [];
  const subqueries: string[] = [];
  if (member.edges.length > 0 || member.pageInfo.length > 0) {
    const hop = matchHop(scope.node, member.hop, member.filter, context);
    const inner = { node: hop.node, edge: hop.edge };
    const ordering = orderAndPage([hop.edge, hop.node], member.sort, member.page, inner, context);
    const edge = printEdgeMap(member, inner, context);
    const result = context.resultVariable();
    subqueries.push(
      callBlock(scope.node, [
        ...hop.lines,
        ...ordering,
        ...edge.subqueries,
        `RETURN collect(${edge.expression}) AS ${result}`,
      ]),
    );
    entries.push(['__edges', result]);
  }
  if (member.totalCountKeys.length > 0) {
    const edge = context.edgeVariable();
    const node = context.nodeVariable();
    const condition = and([
      hopTypeCheck(member.hop, node),
      member.filter ? printPredicate(member.filter, { node, edge }, context) : undefined,
    ]);
    entries.push([
      '__total',
      `size([${hopPattern(scope.node, member.hop, edge, node)}${condition ? ` WHERE ${condition}` : ''} | 1])`,
    ]);
  }
  return { subqueries, expression: mapLiteral(entries) };
}

/** One row per edge, holding each `edges` selection's node and properties maps. */
export function printEdgeMap(
  selection: Pick<ConnectionMember, 'edges'>,
  scope: Scope,
  context: PrintContext,
): Printed {
  const subqueries: string[] = [];
  const entries: [string, string][] = selection.edges.map((edges) => {
    const parts: [string, string][] = [];
    if (edges.node) {
      const node = printNodeProjection(edges.node.projection, scope, context);
      subqueries.push(...node.subqueries);
      parts.push([edges.node.key, node.expression]);
    }
    if (edges.properties) {
      const properties = edges.properties.members.map((member): [string, string] => {
        const printed = printMember(member, scope, context);
        subqueries.push(...printed.subqueries);
        return [member.key, printed.expression];
      });
      parts.push([edges.properties.key, mapLiteral(properties)]);
    }
    return [edges.key, mapLiteral(parts)];
  });
  return { subqueries, expression: mapLiteral(entries) };
}

function printAggregateMember(
  member: AggregateMember,
  scope: Scope,
  context: PrintContext,
): Printed {
  const hop = matchHop(scope.node, member.hop, member.filter, context);
  const aggregation = printAggregation(member, { node: hop.node, edge: hop.edge }, context);
  const result = context.resultVariable();
  const body = [
    ...hop.lines,
    ...aggregation.lines,
    `RETURN ${aggregation.expression} AS ${result}`,
  ];
  return { subqueries: [callBlock(scope.node, body)], expression: result };
}

/**
 * Aggregates are computed in a WITH and assembled into a map afterwards:
 * aggregating functions stay at the top level of a projection, where every
 * openCypher engine accepts them.
 */
export function printAggregation(
  selection: AggregateSelection,
  scope: Scope,
  context: PrintContext,
): { lines: string[]; expression: string } {
  const computed: string[] = [];
  const compute = (expression: string): string => {
    const variable = context.resultVariable();
    computed.push(`${expression} AS ${variable}`);
    return variable;
  };
  const entries: [string, string][] = [];
  if (selection.countKeys.length > 0) {
    const count = compute(`count(${scope.node})`);
    for (const key of selection.countKeys) entries.push([key, count]);
  }
  const fieldMaps = (fields: readonly AggregateFieldSelection[]): string =>
    mapLiteral(
      fields.map((field) => [
        field.key,
        mapLiteral(
          field.functions.map(({ key, fn }) => [
            key,
            compute(aggregateCall(fn, propertyAccess(scope, field.ref))),
          ]),
        ),
      ]),
    );
  for (const node of selection.node) entries.push([node.key, fieldMaps(node.fields)]);
  for (const properties of selection.properties)
    entries.push([properties.key, fieldMaps(properties.fields)]);
  return {
    lines: computed.length > 0 ? [`WITH ${computed.join(', ')}`] : [],
    expression: mapLiteral(entries),
  };
}

function aggregateCall(
  fn: AggregateFieldSelection['functions'][number]['fn'],
  value: string,
): string {
  switch (fn) {
    case 'shortest':
    case 'longest': {
      const better = fn === 'shortest' ? '<' : '>';
      return `reduce(best = null, candidate IN collect(${value}) | CASE WHEN best IS NULL OR size(candidate) ${better} size(best) THEN candidate ELSE best END)`;
    }
    default:
      return `${fn}(${value})`;
  }
}

/**
 * A @cypher field runs the user's statement in a subquery where `this` is
 * the current node, and collects its column. The extra subquery keeps the
 * user's column name out of every scope we generate names in.
 */
function printCypherMember(member: CypherMember, scope: Scope, context: PrintContext): Printed {
  const column = escapeName(member.field.columnName);
  const statement = member.field.statement.trim().replace(/;\s*$/, '');
  const userQuery = callBlock(scope.node, [`WITH ${scope.node} AS this`, statement]);
  let value = column;
  const nested: string[] = [];
  if (member.projection) {
    const projection = printNodeProjection(member.projection, { node: column }, context);
    nested.push(...projection.subqueries);
    value = projection.expression;
  }
  const result = context.resultVariable();
  const collected = member.field.list ? `collect(${value})` : `head(collect(${value}))`;
  const body = [userQuery, ...nested, `RETURN ${collected} AS ${result}`];
  return { subqueries: [callBlock(scope.node, body)], expression: result };
}
