import {
  type CypherField,
  type GraphModel,
  type NodeType,
  type RelationshipField,
} from '@memgate/graph-model';
import { names } from './names.js';
import { block, describe, scalarTypeRef } from './sdl-printing.js';

/** Targets that can be sorted: node types and interfaces (unions have no common fields). */
export function isSortableTarget(model: GraphModel, target: string): boolean {
  return model.nodes.has(target) || model.interfaces.has(target);
}

/** Connections and aggregates are offered where edges have one shape to describe. */
export function hasConnection(model: GraphModel, field: RelationshipField): boolean {
  return field.list && (model.nodes.has(field.target) || model.interfaces.has(field.target));
}

function relationshipLines(model: GraphModel, node: NodeType, field: RelationshipField): string[] {
  const where = `where: ${names.where(field.target)}`;
  const description = describe(field.description, '  ').trimStart();
  if (!field.list) {
    return [`${description}${field.name}(${where}): ${field.target}${field.required ? '!' : ''}`];
  }
  const sort = isSortableTarget(model, field.target)
    ? `, sort: [${names.sort(field.target)}!]`
    : '';
  const lines = [
    `${description}${field.name}(${where}${sort}, limit: Int, offset: Int): [${field.target}!]!`,
  ];
  if (hasConnection(model, field)) {
    lines.push(
      `${names.connectionField(field.name)}(where: ${names.edgeWhere(node, field)}, sort: [${names.connectionSort(node, field)}!], first: Int, after: String): ${names.relationshipConnection(node, field)}!`,
      `${names.aggregateField(field.name)}(where: ${names.where(field.target)}): ${names.relationshipAggregate(node, field)}!`,
    );
  }
  return lines;
}

function cypherLine(field: CypherField): string {
  const base = field.list ? `[${field.returns}!]` : field.returns;
  return `${describe(field.description, '  ').trimStart()}${field.name}: ${base}${field.required ? '!' : ''}`;
}

export function nodeObjectType(model: GraphModel, node: NodeType): string {
  const lines: string[] = [];
  for (const field of node.fields.values()) {
    if (field.kind === 'scalar') {
      lines.push(
        `${describe(field.description, '  ').trimStart()}${field.name}: ${scalarTypeRef(field)}`,
      );
    } else if (field.kind === 'cypher') {
      lines.push(cypherLine(field));
    } else {
      lines.push(...relationshipLines(model, node, field));
    }
  }
  const keys = node.keyFields.length > 0 ? ` @key(fields: "${node.keyFields.join(' ')}")` : '';
  const implementsClause =
    node.interfaces.length > 0 ? ` implements ${node.interfaces.join(' & ')}` : '';
  return `${describe(node.description)}${block('type', `${node.name}${implementsClause}${keys}`, lines)}`;
}

export function interfaceType(model: GraphModel, name: string): string {
  const iface = model.interfaces.get(name);
  if (!iface) return '';
  const lines = [...iface.fields.values()].map((field) => `${field.name}: ${scalarTypeRef(field)}`);
  return `${describe(iface.description)}${block('interface', name, lines)}`;
}

export function unionType(model: GraphModel, name: string): string {
  const union = model.unions.get(name);
  if (!union) return '';
  return `${describe(union.description)}union ${name} = ${union.members.join(' | ')}`;
}

export function propertiesObjectType(model: GraphModel, name: string): string {
  const properties = model.relationshipProperties.get(name);
  if (!properties) return '';
  const lines = [...properties.fields.values()].map(
    (field) =>
      `${describe(field.description, '  ').trimStart()}${field.name}: ${scalarTypeRef(field)}`,
  );
  return `${describe(properties.description)}${block('type', name, lines)}`;
}
