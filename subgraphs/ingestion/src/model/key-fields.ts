import { scalarFields, type NodeType, type ScalarField } from '@memgate/graph-model';

/**
 * The scalar fields that identify a node, in `@key` order. The model parser
 * guarantees every node type has at least one and that each is a required,
 * non-list scalar; a miss here is a bug, not bad input.
 */
export function keyScalarFields(node: NodeType): ScalarField[] {
  const byName = new Map(scalarFields(node).map((field) => [field.name, field]));
  return node.keyFields.map((name) => {
    const field = byName.get(name);
    if (!field) throw new Error(`${node.name}: key field "${name}" is not a scalar field`);
    return field;
  });
}
