import {
  concreteTargets,
  relationshipFields,
  scalarFields,
  type GraphModel,
  type NodeType,
  type RelationshipField,
  type ScalarField,
} from '@memgate/graph-model';

/**
 * The relationship fields a node type writes: the outgoing ones. An IN field
 * (`Person.knownBy`) is the same relationship seen from its other end, so
 * it is written through the OUT field that declares it (`Person.knows`).
 */
export function outgoingRelationships(node: NodeType): RelationshipField[] {
  return relationshipFields(node).filter((field) => field.direction === 'OUT');
}

/** The outgoing relationship field `name` of `node`, or undefined. */
export function outgoingRelationship(node: NodeType, name: string): RelationshipField | undefined {
  const field = node.fields.get(name);
  return field?.kind === 'relationship' && field.direction === 'OUT' ? field : undefined;
}

/** The stored fields of a relationship's `@relationshipProperties` type, by name; none without one. */
export function relationshipPropertyFields(
  model: GraphModel,
  field: RelationshipField,
): Map<string, ScalarField> {
  const type = field.properties ? model.relationshipProperties.get(field.properties) : undefined;
  return new Map(type ? scalarFields(type).map((scalar) => [scalar.name, scalar]) : []);
}

/** True when the target is an interface or a union: the end node's type must then be named. */
export function isAbstractTarget(model: GraphModel, field: RelationshipField): boolean {
  return !model.nodes.has(field.target);
}

/** The node types a relationship field can end at. */
export function endTypes(model: GraphModel, field: RelationshipField): NodeType[] {
  return concreteTargets(model, field.target);
}
