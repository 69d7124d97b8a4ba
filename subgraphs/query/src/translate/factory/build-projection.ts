import { concreteTargets, type NodeType, type RelationshipField } from '@memgate/graph-model';
import { getArgumentValues, getNamedType, type FieldNode, type GraphQLObjectType } from 'graphql';
import { decodeCursor } from '../../execute/cursors.js';
import type {
  AggregateFieldSelection,
  AggregateFunction,
  AggregateSelection,
  ConnectionSelection,
  EdgesSelection,
  Member,
  NodeProjection,
  PageInfoField,
  PropertyRef,
} from '../ast/query-ast.js';
import { buildConnectionSort, buildSort, withKeyTiebreak } from './build-sort.js';
import { collectFields, subSelections } from './collect-fields.js';
import { scalarFieldLookup, type FactoryContext } from './factory-context.js';
import { hopOf, targetOf } from './hops.js';
import { connectionPage, listPage } from './paging.js';

const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'min',
  'max',
  'avg',
  'sum',
  'shortest',
  'longest',
]);
const PAGE_INFO_FIELDS: ReadonlySet<string> = new Set([
  'hasNextPage',
  'hasPreviousPage',
  'startCursor',
  'endCursor',
]);

type Fields = Map<string, FieldNode[]>;

function objectType(context: FactoryContext, name: string): GraphQLObjectType {
  return context.schema.getType(name) as GraphQLObjectType;
}

function firstNode(nodes: readonly FieldNode[]): FieldNode {
  const [node] = nodes;
  if (!node) throw new Error('a collected field has no node');
  return node;
}

function argumentsOf(
  context: FactoryContext,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Record<string, unknown> {
  const node = firstNode(nodes);
  const definition = type.getFields()[node.name.value];
  return definition ? getArgumentValues(definition, node, context.variableValues) : {};
}

function fieldsOn(context: FactoryContext, typeName: string, nodes: readonly FieldNode[]): Fields {
  return collectFields(context, objectType(context, typeName), subSelections(nodes));
}

/** What to return of the nodes of a node type, interface or union, per concrete type. */
export function buildNodeProjection(
  context: FactoryContext,
  targetName: string,
  nodes: readonly FieldNode[],
): NodeProjection {
  const concrete = concreteTargets(context.model, targetName);
  return {
    abstract: !context.model.nodes.has(targetName),
    byType: concrete.map((node) => ({
      target: targetOf(node),
      members: buildMembers(context, node, nodes),
    })),
  };
}

function buildMembers(
  context: FactoryContext,
  node: NodeType,
  nodes: readonly FieldNode[],
): Member[] {
  const type = objectType(context, node.name);
  const members: Member[] = [];
  for (const [key, fieldNodes] of collectFields(context, type, subSelections(nodes))) {
    const plan = context.index.field(node.name, firstNode(fieldNodes).name.value);
    // __typename of an object type needs no data; abstract types get it from the printer.
    if (!plan) continue;
    const args = argumentsOf(context, type, fieldNodes);
    switch (plan.kind) {
      case 'scalar':
        members.push({
          kind: 'property',
          key,
          ref: {
            on: 'node',
            property: plan.field.property,
            scalar: plan.field.scalar,
            list: plan.field.list,
          },
        });
        break;
      case 'relationship':
        members.push(buildRelationshipMember(context, key, plan.field, args, fieldNodes));
        break;
      case 'connection':
        members.push(buildConnectionMember(context, key, node, plan.field, args, fieldNodes));
        break;
      case 'aggregate':
        members.push({
          kind: 'aggregate',
          key,
          hop: hopOf(context.model, plan.field),
          filter: context.filters.targetWhere(plan.field.target, args['where']),
          ...buildAggregateSelection(
            context,
            typeNameOf(context, node.name, firstNode(fieldNodes).name.value),
            fieldNodes,
            plan.field.target,
            plan.field.properties,
          ),
        });
        break;
      case 'cypher':
        members.push({
          kind: 'cypher',
          key,
          field: plan.field,
          projection: plan.field.returnsScalar
            ? undefined
            : buildNodeProjection(context, plan.field.returns, fieldNodes),
        });
        break;
    }
  }
  return members;
}

function buildRelationshipMember(
  context: FactoryContext,
  key: string,
  field: RelationshipField,
  args: Record<string, unknown>,
  nodes: readonly FieldNode[],
): Member {
  return {
    kind: 'relationship',
    key,
    hop: hopOf(context.model, field),
    filter: context.filters.targetWhere(field.target, args['where']),
    sort: buildSort(scalarFieldLookup(context.model, field.target), args['sort']),
    page: field.list ? listPage(args, context.limits) : { offset: undefined, limit: undefined },
    single: !field.list,
    projection: buildNodeProjection(context, field.target, nodes),
  };
}

function buildConnectionMember(
  context: FactoryContext,
  key: string,
  owner: NodeType,
  field: RelationshipField,
  args: Record<string, unknown>,
  nodes: readonly FieldNode[],
): Member {
  const connectionType = typeNameOf(context, owner.name, firstNode(nodes).name.value);
  const properties = field.properties
    ? context.model.relationshipProperties.get(field.properties)
    : undefined;
  const sort = buildConnectionSort(
    scalarFieldLookup(context.model, field.target),
    properties?.fields,
    args['sort'],
  );
  const { page } = connectionPage(args, context.limits, decodeCursor);
  return {
    kind: 'connection',
    key,
    hop: hopOf(context.model, field),
    filter: context.filters.edgeWhere(owner, field, args['where']),
    sort: withKeyTiebreak(sort, sharedKeyOwner(context, field.target)),
    page,
    ...buildConnectionSelection(context, connectionType, nodes, field.target, field.properties),
  };
}

/** The node type whose key breaks ties: the target, or the one all of an interface's types share. */
function sharedKeyOwner(context: FactoryContext, target: string): NodeType | undefined {
  const [first, ...rest] = concreteTargets(context.model, target);
  if (!first) return undefined;
  const keyProperties = (node: NodeType): string =>
    node.keyFields
      .map((name) => (node.fields.get(name) as { property?: string } | undefined)?.property)
      .join(',');
  return rest.every((node) => keyProperties(node) === keyProperties(first)) ? first : undefined;
}

/** The named output type of a field, e.g. `PersonKnowsConnection`. */
export function typeNameOf(context: FactoryContext, parentType: string, fieldName: string): string {
  const field = objectType(context, parentType).getFields()[fieldName];
  return field ? getNamedType(field.type).name : '';
}

export function buildConnectionSelection(
  context: FactoryContext,
  connectionType: string,
  nodes: readonly FieldNode[],
  target: string,
  propertiesType: string | undefined,
): ConnectionSelection {
  const edges: EdgesSelection[] = [];
  const totalCountKeys: string[] = [];
  const pageInfo: { key: string; fields: Map<string, PageInfoField> }[] = [];
  const edgeType = typeNameOf(context, connectionType, 'edges');
  for (const [key, fieldNodes] of fieldsOn(context, connectionType, nodes)) {
    const name = firstNode(fieldNodes).name.value;
    if (name === 'totalCount') totalCountKeys.push(key);
    if (name === 'pageInfo') {
      const fields = new Map<string, PageInfoField>();
      for (const [infoKey, infoNodes] of fieldsOn(context, 'PageInfo', fieldNodes)) {
        const infoName = firstNode(infoNodes).name.value;
        if (PAGE_INFO_FIELDS.has(infoName)) fields.set(infoKey, infoName as PageInfoField);
      }
      pageInfo.push({ key, fields });
    }
    if (name === 'edges')
      edges.push(buildEdgesSelection(context, edgeType, key, fieldNodes, target, propertiesType));
  }
  return { edges, totalCountKeys, pageInfo };
}

function buildEdgesSelection(
  context: FactoryContext,
  edgeType: string,
  key: string,
  nodes: readonly FieldNode[],
  target: string,
  propertiesType: string | undefined,
): EdgesSelection {
  const cursorKeys: string[] = [];
  let node: EdgesSelection['node'];
  let properties: EdgesSelection['properties'];
  for (const [edgeKey, fieldNodes] of fieldsOn(context, edgeType, nodes)) {
    const name = firstNode(fieldNodes).name.value;
    if (name === 'cursor') cursorKeys.push(edgeKey);
    if (name === 'node')
      node = { key: edgeKey, projection: buildNodeProjection(context, target, fieldNodes) };
    if (name === 'properties' && propertiesType) {
      const lookup = scalarFieldLookup(context.model, propertiesType);
      const members: Member[] = [];
      for (const [propertyKey, propertyNodes] of fieldsOn(context, propertiesType, fieldNodes)) {
        const field = lookup(firstNode(propertyNodes).name.value);
        if (!field) continue;
        members.push({
          kind: 'property',
          key: propertyKey,
          ref: { on: 'edge', property: field.property, scalar: field.scalar, list: field.list },
        });
      }
      properties = { key: edgeKey, members };
    }
  }
  return { key, cursorKeys, node, properties };
}

export function buildAggregateSelection(
  context: FactoryContext,
  aggregateType: string,
  nodes: readonly FieldNode[],
  target: string,
  propertiesType: string | undefined,
): AggregateSelection {
  const countKeys: string[] = [];
  const node: AggregateSelection['node'][number][] = [];
  const properties: AggregateSelection['properties'][number][] = [];
  for (const [key, fieldNodes] of fieldsOn(context, aggregateType, nodes)) {
    const name = firstNode(fieldNodes).name.value;
    if (name === 'count') countKeys.push(key);
    if (name === 'node') {
      const nodeType = typeNameOf(context, aggregateType, 'node');
      node.push({ key, fields: aggregateFields(context, nodeType, fieldNodes, target, 'node') });
    }
    if (name === 'properties' && propertiesType) {
      const propertiesAggregate = typeNameOf(context, aggregateType, 'properties');
      properties.push({
        key,
        fields: aggregateFields(context, propertiesAggregate, fieldNodes, propertiesType, 'edge'),
      });
    }
  }
  return { countKeys, node, properties };
}

function aggregateFields(
  context: FactoryContext,
  aggregateNodeType: string,
  nodes: readonly FieldNode[],
  fieldOwner: string,
  on: PropertyRef['on'],
): AggregateFieldSelection[] {
  const lookup = scalarFieldLookup(context.model, fieldOwner);
  const selections: AggregateFieldSelection[] = [];
  for (const [key, fieldNodes] of fieldsOn(context, aggregateNodeType, nodes)) {
    const name = firstNode(fieldNodes).name.value;
    const field = lookup(name);
    if (!field) continue;
    const scalarAggregateType = typeNameOf(context, aggregateNodeType, name);
    const functions: { key: string; fn: AggregateFunction }[] = [];
    for (const [fnKey, fnNodes] of fieldsOn(context, scalarAggregateType, fieldNodes)) {
      const fn = firstNode(fnNodes).name.value;
      if (AGGREGATE_FUNCTIONS.has(fn)) functions.push({ key: fnKey, fn: fn as AggregateFunction });
    }
    selections.push({
      key,
      ref: { on, property: field.property, scalar: field.scalar, list: field.list },
      functions,
    });
  }
  return selections;
}
