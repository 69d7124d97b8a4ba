import {
  scalarFields,
  type GraphModel,
  type NodeType,
  type RelationshipField,
  type ScalarField,
  type ScalarKind,
} from '@memgate/graph-model';
import { names } from './names.js';
import { block } from './sdl-printing.js';

const AGGREGATABLE: ReadonlySet<ScalarKind> = new Set([
  'Int',
  'Float',
  'BigInt',
  'DateTime',
  'String',
]);

/** Single-valued fields with a meaningful min/max (and, for numbers, avg/sum). */
export function aggregatableFields(fields: Iterable<ScalarField>): ScalarField[] {
  return [...fields].filter((field) => !field.list && AGGREGATABLE.has(field.scalar));
}

export function aggregateNodeType(typeName: string, fields: Iterable<ScalarField>): string {
  const lines = aggregatableFields(fields).map(
    (field) => `${field.name}: ${names.scalarAggregate(field.scalar)}!`,
  );
  return block('type', names.aggregateNode(typeName), lines);
}

/** `count` plus per-field aggregates of a node type, interface or properties type. */
export function aggregateTypes(typeName: string, fields: Iterable<ScalarField>): string {
  const list = [...fields];
  const node = aggregateNodeType(typeName, list);
  const lines = ['count: Int!'];
  if (node) lines.push(`node: ${names.aggregateNode(typeName)}!`);
  return [block('type', names.aggregate(typeName), lines), node].filter(Boolean).join('\n\n');
}

export function relationshipAggregateType(
  model: GraphModel,
  owner: NodeType,
  field: RelationshipField,
): string {
  const lines = ['count: Int!'];
  if (aggregatableFields(targetScalarFields(model, field.target)).length > 0) {
    lines.push(`node: ${names.aggregateNode(field.target)}!`);
  }
  const properties = field.properties
    ? model.relationshipProperties.get(field.properties)
    : undefined;
  if (properties && aggregatableFields(properties.fields.values()).length > 0) {
    lines.push(`properties: ${names.aggregateNode(properties.name)}!`);
  }
  return block('type', names.relationshipAggregate(owner, field), lines);
}

/** The stored scalar fields of a node type or interface; none for a union. */
export function targetScalarFields(model: GraphModel, target: string): ScalarField[] {
  const node = model.nodes.get(target);
  if (node) return scalarFields(node);
  return [...(model.interfaces.get(target)?.fields.values() ?? [])];
}
