import { scalarFields, type NodeType, type ScalarField } from '@memgate/graph-model';

/** Per node type: a model is never changed once parsed, and the writer asks for every operation. */
const known = new WeakMap<NodeType, readonly ScalarField[]>();

/**
 * The scalar fields that identify a node, in `@key` order. The model parser
 * guarantees every node type has at least one and that each is a required,
 * non-list scalar; a miss here is a bug, not bad input.
 */
export function keyScalarFields(node: NodeType): readonly ScalarField[] {
  let fields = known.get(node);
  if (!fields) {
    const byName = new Map(scalarFields(node).map((field) => [field.name, field]));
    fields = node.keyFields.map((name) => {
      const field = byName.get(name);
      if (!field) throw new Error(`${node.name}: key field "${name}" is not a scalar field`);
      return field;
    });
    known.set(node, fields);
  }
  return fields;
}
