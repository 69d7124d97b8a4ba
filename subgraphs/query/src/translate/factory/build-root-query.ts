import { concreteTargets, type NodeType } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import type { FieldNode } from 'graphql';
import { decodeCursor } from '../../execute/cursors.js';
import type { RootQuery } from '../ast/query-ast.js';
import {
  buildAggregateSelection,
  buildConnectionSelection,
  buildNodeProjection,
  typeNameOf,
} from './build-projection.js';
import { buildSort, withKeyTiebreak } from './build-sort.js';
import { scalarFieldLookup, type FactoryContext } from './factory-context.js';
import type { RootPlan } from './field-index.js';
import { targetOf } from './hops.js';
import { connectionPage, listPage } from './paging.js';

/**
 * The factory's entry point: one generated root field (list, connection or
 * aggregate) and its selection become one query AST.
 */
export function buildRootQuery(
  context: FactoryContext,
  plan: RootPlan,
  fieldName: string,
  args: Readonly<Record<string, unknown>>,
  nodes: readonly FieldNode[],
): RootQuery {
  if (plan.kind === 'interfaceList') {
    const name = plan.interface.name;
    return {
      kind: 'list',
      source: {
        targets: concreteTargets(context.model, name).map(targetOf),
        filter: context.filters.targetWhere(name, args['where']),
      },
      sort: buildSort(scalarFieldLookup(context.model, name), args['sort']),
      page: listPage(args, context.limits),
      projection: buildNodeProjection(context, name, nodes),
    };
  }
  const { node } = plan;
  const source = {
    targets: [targetOf(node)],
    filter: context.filters.nodeWhere(node, args['where']),
  };
  const sortFields = scalarFieldLookup(context.model, node.name);
  switch (plan.kind) {
    case 'list':
      return {
        kind: 'list',
        source,
        sort: buildSort(sortFields, args['sort']),
        page: listPage(args, context.limits),
        projection: buildNodeProjection(context, node.name, nodes),
      };
    case 'connection': {
      const { page } = connectionPage(args, context.limits, decodeCursor);
      return {
        kind: 'connection',
        source,
        sort: withKeyTiebreak(buildSort(sortFields, args['sort']), node),
        page,
        ...buildConnectionSelection(
          context,
          typeNameOf(context, 'Query', fieldName),
          nodes,
          node.name,
          undefined,
        ),
      };
    }
    case 'aggregate':
      return {
        kind: 'aggregate',
        source,
        ...buildAggregateSelection(
          context,
          typeNameOf(context, 'Query', fieldName),
          nodes,
          node.name,
          undefined,
        ),
      };
  }
}

/**
 * `_entities` for one type: the representations' key fields become one
 * UNWIND, and the selection under `... on Type` the projection.
 */
export function buildEntitiesQuery(
  context: FactoryContext,
  node: NodeType,
  representations: readonly Record<string, unknown>[],
  nodes: readonly FieldNode[],
): RootQuery {
  const keyProperties = node.keyFields.map((name) => {
    const field = node.fields.get(name);
    if (field?.kind !== 'scalar') throw new Error(`${node.name}.${name} is not a scalar key field`);
    return { field: name, property: field.property, scalar: field.scalar };
  });
  for (const representation of representations) {
    for (const key of keyProperties) {
      if (representation[key.field] === undefined || representation[key.field] === null) {
        throw new MemgateError(
          'BAD_USER_INPUT',
          `A ${node.name} representation lacks its key field ${key.field}.`,
        );
      }
    }
  }
  return {
    kind: 'entities',
    target: targetOf(node),
    keyProperties,
    representations,
    projection: buildNodeProjection(context, node.name, nodes),
  };
}
