import type { CompareOperator, Predicate } from '../ast/query-ast.js';
import { toBoltValue } from './bolt-params.js';
import { and, hopPattern, hopTypeCheck, propertyAccess, typeCheck } from './patterns.js';
import type { PrintContext, Scope } from './print-context.js';

const INFIX: Partial<Record<CompareOperator, string>> = {
  eq: '=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  in: 'IN',
  contains: 'CONTAINS',
  startsWith: 'STARTS WITH',
  endsWith: 'ENDS WITH',
  matches: '=~',
};

/**
 * Prints a predicate as a Cypher boolean expression. Compound expressions
 * come back parenthesised, so callers can combine them freely. Values are
 * always parameters; only schema names reach the text.
 */
export function printPredicate(predicate: Predicate, scope: Scope, context: PrintContext): string {
  switch (predicate.kind) {
    case 'and':
    case 'or': {
      const items = predicate.items.map((item) => printPredicate(item, scope, context));
      if (items.length === 0) return predicate.kind === 'and' ? 'true' : 'false';
      if (items.length === 1) return items[0] ?? 'true';
      return `(${items.join(predicate.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `NOT ${printPredicate(predicate.item, scope, context)}`;
    case 'isNull':
      return `${propertyAccess(scope, predicate.ref)} IS ${predicate.isNull ? '' : 'NOT '}NULL`;
    case 'hasType':
      return typeCheck(scope.node, predicate.targets);
    case 'compare':
      return printComparison(predicate, scope, context);
    case 'related':
      return printRelated(predicate, scope, context);
  }
}

function printComparison(
  predicate: Extract<Predicate, { kind: 'compare' }>,
  scope: Scope,
  context: PrintContext,
): string {
  const property = propertyAccess(scope, predicate.ref);
  const scalar = predicate.ref.scalar;
  switch (predicate.operator) {
    case 'includes':
      return `${context.param(toBoltValue(predicate.value, scalar))} IN ${property}`;
    case 'isEmpty':
      return `size(${property}) ${predicate.value === true ? '=' : '>'} 0`;
    default: {
      // Text operators compare with strings whatever the property's scalar.
      const textual = ['contains', 'startsWith', 'endsWith', 'matches'].includes(
        predicate.operator,
      );
      const value = textual ? predicate.value : toBoltValue(predicate.value, scalar);
      return `${property} ${INFIX[predicate.operator] ?? '='} ${context.param(value)}`;
    }
  }
}

/**
 * Relationship quantifiers. EXISTS subqueries stop at the first match, so
 * some / none / all never walk more relationships than they must; single
 * has to count, which a pattern comprehension does in Memgraph and Neo4j.
 */
function printRelated(
  predicate: Extract<Predicate, { kind: 'related' }>,
  scope: Scope,
  context: PrintContext,
): string {
  const edge = context.edgeVariable();
  const node = context.nodeVariable();
  const pattern = hopPattern(scope.node, predicate.hop, edge, node);
  const inner = { node, edge };
  const filter = predicate.filter ? printPredicate(predicate.filter, inner, context) : undefined;
  const typeFilter = hopTypeCheck(predicate.hop, node);
  switch (predicate.quantifier) {
    case 'some':
      return `EXISTS { MATCH ${pattern}${where(and([typeFilter, filter]))} }`;
    case 'none':
      return `NOT EXISTS { MATCH ${pattern}${where(and([typeFilter, filter]))} }`;
    case 'all':
      // Every related node matches: none of them fails the condition.
      return filter === undefined
        ? 'true'
        : `NOT EXISTS { MATCH ${pattern}${where(and([typeFilter, `NOT ${filter}`]))} }`;
    case 'single':
      return `size([${pattern}${where(and([typeFilter, filter]))} | 1]) = 1`;
  }
}

function where(condition: string | undefined): string {
  return condition === undefined ? '' : ` WHERE ${condition}`;
}
