import type { GraphModel, NodeType } from '@memgate/graph-model';
import { keyScalarFields } from '../model/key-fields.js';
import { endTypes, isAbstractTarget, outgoingRelationships } from '../model/relationship-fields.js';
import { ingestionNames } from './names.js';
import { block, scalarTypeRef } from './sdl-printing.js';

/** `PersonKeyInput`: what identifies one node, for deletes and relationship ends. */
export function keyInputType(node: NodeType): string {
  const lines = keyScalarFields(node).map(
    (field) => `${field.name}: ${scalarTypeRef(field, true)}`,
  );
  return `"The key of one ${node.name}."\n${block('input', ingestionNames.keyInput(node.name), lines)}`;
}

/**
 * `FollowableKeyInput` for every interface or union an outgoing relationship
 * ends at: one optional member per node type it stands for, of which a
 * request gives exactly one (checked by the resolvers, as `@oneOf` is not
 * something every federation router accepts yet).
 */
export function abstractKeyInputTypes(model: GraphModel): string[] {
  const abstract = new Map<string, NodeType[]>();
  for (const node of model.nodes.values()) {
    for (const field of outgoingRelationships(node)) {
      if (isAbstractTarget(model, field)) abstract.set(field.target, endTypes(model, field));
    }
  }
  return [...abstract].flatMap(([name, members]) => {
    if (members.length === 0) return [];
    const lines = members.map(
      (member) => `${member.name}: ${ingestionNames.keyInput(member.name)}`,
    );
    const description = `"A ${name}: give the key of exactly one of ${members.map((member) => member.name).join(', ')}."\n`;
    return [`${description}${block('input', ingestionNames.keyInput(name), lines)}`];
  });
}
