import {
  concreteTargets,
  relationshipFields,
  scalarFields,
  type GraphModel,
  type InterfaceType,
  type NodeType,
  type RelationshipField,
  type RelationshipPropertiesType,
  type ScalarField,
  type UnionType,
} from '@memgate/graph-model';
import { names } from './names.js';
import { hasConnection } from './object-types.js';
import { block } from './sdl-printing.js';

function logical(typeName: string): string[] {
  return [`AND: [${typeName}!]`, `OR: [${typeName}!]`, `NOT: ${typeName}`];
}

function scalarFilterLines(fields: readonly ScalarField[]): string[] {
  return fields.map((field) => `${field.name}: ${names.scalarFilter(field.scalar, field.list)}`);
}

function relationshipFilterLines(model: GraphModel, node: NodeType): string[] {
  return relationshipFields(node).flatMap((field) => {
    const lines = [`${field.name}: ${names.relationshipFilter(field.target)}`];
    if (hasConnection(model, field)) {
      lines.push(`${names.connectionField(field.name)}: ${names.connectionFilter(node, field)}`);
    }
    return lines;
  });
}

export function nodeWhereInput(model: GraphModel, node: NodeType): string {
  const lines = [
    ...logical(names.where(node.name)),
    ...scalarFilterLines(scalarFields(node)),
    ...relationshipFilterLines(model, node),
  ];
  return `"Conditions on ${node.name} nodes; all given conditions must hold."\n${block('input', names.where(node.name), lines)}`;
}

export function interfaceWhereInput(iface: InterfaceType): string {
  const lines = [
    ...logical(names.where(iface.name)),
    `"Only nodes of these types."\n  typename: [${names.implementationEnum(iface.name)}!]`,
    ...scalarFilterLines([...iface.fields.values()]),
  ];
  return [
    block('enum', names.implementationEnum(iface.name), [...iface.implementations]),
    block('input', names.where(iface.name), lines),
  ].join('\n\n');
}

/** A union filter names the members to keep, each with its own conditions. */
export function unionWhereInput(union: UnionType): string {
  const lines = union.members.map((member) => `${member}: ${names.where(member)}`);
  return `"Keeps the members named here, each with its own conditions (an empty condition keeps all of that member)."\n${block('input', names.where(union.name), lines)}`;
}

export function propertiesWhereInput(properties: RelationshipPropertiesType): string {
  const name = names.propertiesWhere(properties.name);
  return block('input', name, [
    ...logical(name),
    ...scalarFilterLines([...properties.fields.values()]),
  ]);
}

/** some / none / all / single over the nodes a relationship reaches. */
export function relationshipFilterInput(target: string): string {
  const where = names.where(target);
  return block('input', names.relationshipFilter(target), [
    `"At least one related node matches."\n  some: ${where}`,
    `"No related node matches."\n  none: ${where}`,
    `"Every related node matches."\n  all: ${where}`,
    `"Exactly one related node matches."\n  single: ${where}`,
  ]);
}

/** Conditions on one edge: the node it reaches and the relationship's properties. */
export function edgeInputs(owner: NodeType, field: RelationshipField): string {
  const edgeWhere = names.edgeWhere(owner, field);
  const edgeLines = [...logical(edgeWhere), `node: ${names.where(field.target)}`];
  if (field.properties) edgeLines.push(`properties: ${names.propertiesWhere(field.properties)}`);
  const filter = block('input', names.connectionFilter(owner, field), [
    `some: ${edgeWhere}`,
    `none: ${edgeWhere}`,
    `all: ${edgeWhere}`,
    `single: ${edgeWhere}`,
  ]);
  return [block('input', edgeWhere, edgeLines), filter].join('\n\n');
}

/** Every target a relationship filter is needed for, without duplicates. */
export function relationshipFilterTargets(model: GraphModel): string[] {
  const targets = new Set<string>();
  for (const node of model.nodes.values()) {
    for (const field of relationshipFields(node)) {
      if (concreteTargets(model, field.target).length > 0) targets.add(field.target);
    }
  }
  return [...targets];
}
