import { escapeName, labelExpression } from '@memgate/cypher';
import type { Statement } from '@memgate/cypher';
import type { RootQuery, RootSource } from '../ast/query-ast.js';
import { toBoltValue } from './bolt-params.js';
import { PrintContext, indent } from './print-context.js';
import { printPredicate } from './print-predicate.js';
import {
  orderAndPage,
  printAggregation,
  printEdgeMap,
  printNodeProjection,
} from './print-projection.js';

/** The column every statement returns its value in. */
export const RESULT_COLUMN = 'result';
/** For `_entities`: the position of the representation a row answers. */
export const INDEX_COLUMN = 'index';
export const REPRESENTATION_INDEX = '__index';

/** Prints one root field's query AST as ONE parameterised Cypher statement. */
export function printRootQuery(query: RootQuery): Statement {
  const context = new PrintContext();
  const lines = printLines(query, context);
  return { text: lines.join('\n'), params: context.params };
}

function printLines(query: RootQuery, context: PrintContext): string[] {
  switch (query.kind) {
    case 'list': {
      const match = matchSource(query.source, context);
      const scope = { node: match.node };
      const ordering = orderAndPage([match.node], query.sort, query.page, scope, context);
      const projection = printNodeProjection(query.projection, scope, context);
      return [
        ...match.lines,
        ...ordering,
        ...projection.subqueries,
        `RETURN ${projection.expression} AS ${RESULT_COLUMN}`,
      ];
    }
    case 'aggregate': {
      const match = matchSource(query.source, context);
      const aggregation = printAggregation(query, { node: match.node }, context);
      return [
        ...match.lines,
        ...aggregation.lines,
        `RETURN ${aggregation.expression} AS ${RESULT_COLUMN}`,
      ];
    }
    case 'connection':
      return printRootConnection(query, context);
    case 'entities':
      return printEntities(query, context);
  }
}

/**
 * The nodes a root field starts from. One type is a label scan (or an
 * index seek on the filter). Several — an interface — are one union of
 * label scans, so each type still uses its label index, rather than one
 * scan of every node checking labels.
 */
function matchSource(source: RootSource, context: PrintContext): { lines: string[]; node: string } {
  const node = context.nodeVariable();
  const [only] = source.targets;
  const lines =
    source.targets.length === 1 && only
      ? [`MATCH (${node}${labelExpression(only.labels)})`]
      : [
          `CALL {\n${indent(
            source.targets
              .map((target) => `MATCH (${node}${labelExpression(target.labels)})\nRETURN ${node}`)
              .join('\nUNION\n'),
          )}\n}`,
        ];
  if (source.filter) {
    const condition = printPredicate(source.filter, { node }, context);
    lines.push(
      source.targets.length === 1 ? `WHERE ${condition}` : `WITH ${node}\nWHERE ${condition}`,
    );
  }
  return { lines, node };
}

/**
 * Two uncorrelated subqueries: the total over all matches and the page of
 * edges. Each MATCHes on its own variable, since a subquery may not reuse
 * a name from another scope on Memgraph.
 */
function printRootConnection(
  query: Extract<RootQuery, { kind: 'connection' }>,
  context: PrintContext,
): string[] {
  const lines: string[] = [];
  const entries: string[] = [];
  if (query.totalCountKeys.length > 0) {
    const match = matchSource(query.source, context);
    const total = context.resultVariable();
    lines.push(
      `CALL {\n${indent([...match.lines, `RETURN count(${match.node}) AS ${total}`].join('\n'))}\n}`,
    );
    entries.push(`__total: ${total}`);
  }
  if (query.edges.length > 0 || query.pageInfo.length > 0) {
    const match = matchSource(query.source, context);
    const scope = { node: match.node };
    const ordering = orderAndPage([match.node], query.sort, query.page, scope, context);
    const edge = printEdgeMap(query, scope, context);
    const edges = context.resultVariable();
    const body = [
      ...match.lines,
      ...ordering,
      ...edge.subqueries,
      `RETURN collect(${edge.expression}) AS ${edges}`,
    ];
    lines.push(`CALL {\n${indent(body.join('\n'))}\n}`);
    entries.push(`__edges: ${edges}`);
  }
  lines.push(`RETURN { ${entries.join(', ')} } AS ${RESULT_COLUMN}`);
  return lines;
}

/**
 * `_entities` for one type: one UNWIND over the representations, each
 * carrying its position so the caller can restore order and answer null
 * for keys that match nothing.
 */
function printEntities(
  query: Extract<RootQuery, { kind: 'entities' }>,
  context: PrintContext,
): string[] {
  const representations = query.representations.map((representation, index) => {
    const row: Record<string, unknown> = { [REPRESENTATION_INDEX]: index };
    for (const key of query.keyProperties)
      row[key.field] = toBoltValue(representation[key.field], key.scalar);
    return row;
  });
  const representation = context.resultVariable();
  const node = context.nodeVariable();
  const conditions = query.keyProperties.map(
    (key) => `${node}.${escapeName(key.property)} = ${representation}.${escapeName(key.field)}`,
  );
  const projection = printNodeProjection(query.projection, { node }, context);
  return [
    `UNWIND ${context.param(representations)} AS ${representation}`,
    `MATCH (${node}${labelExpression(query.target.labels)})`,
    `WHERE ${conditions.join(' AND ')}`,
    ...projection.subqueries,
    `RETURN ${representation}.${escapeName(REPRESENTATION_INDEX)} AS ${INDEX_COLUMN}, ${projection.expression} AS ${RESULT_COLUMN}`,
  ];
}
