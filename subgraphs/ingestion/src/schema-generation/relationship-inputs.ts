import {
  scalarFields,
  type GraphModel,
  type NodeType,
  type RelationshipField,
} from '@memgate/graph-model';
import { endTypes, outgoingRelationships } from '../model/relationship-fields.js';
import { ingestionNames } from './names.js';
import { block, described, scalarTypeRef } from './sdl-printing.js';

/** The outgoing relationship fields that can be written: at least one end type is a node type. */
export function writableRelationships(model: GraphModel, node: NodeType): RelationshipField[] {
  return outgoingRelationships(node).filter((field) => endTypes(model, field).length > 0);
}

/** The properties input of a relationship field, if its properties type has stored fields. */
function propertiesInputOf(model: GraphModel, field: RelationshipField): string | undefined {
  const type = field.properties ? model.relationshipProperties.get(field.properties) : undefined;
  return type && scalarFields(type).length > 0
    ? ingestionNames.propertiesInput(type.name)
    : undefined;
}

/** `AcquaintanceInput` for every `@relationshipProperties` type a writable relationship carries. */
export function propertiesInputTypes(model: GraphModel): string[] {
  const used = new Set<string>();
  for (const node of model.nodes.values()) {
    for (const field of writableRelationships(model, node)) {
      if (field.properties) used.add(field.properties);
    }
  }
  return [...used].flatMap((name) => {
    const type = model.relationshipProperties.get(name);
    const fields = type ? scalarFields(type) : [];
    if (fields.length === 0) return [];
    const lines = fields.flatMap((field) =>
      described(field.description, `${field.name}: ${scalarTypeRef(field, false)}`),
    );
    const description = `"The properties of a relationship, as ${name}. An omitted field is left as it is; null removes it."\n`;
    return [`${description}${block('input', ingestionNames.propertiesInput(name), lines)}`];
  });
}

/** The input of the relationship's end: a node key, or a one-of key for an interface or union. */
function endKeyInput(model: GraphModel, field: RelationshipField): string {
  const [only] = endTypes(model, field);
  return ingestionNames.keyInput(model.nodes.has(field.target) && only ? only.name : field.target);
}

/** `PersonKnowsConnectInput` and `PersonKnowsDisconnectInput`. */
export function relationshipInputTypes(
  model: GraphModel,
  node: NodeType,
  field: RelationshipField,
): string[] {
  const ends = [
    `from: ${ingestionNames.keyInput(node.name)}!`,
    `to: ${endKeyInput(model, field)}!`,
  ];
  const properties = propertiesInputOf(model, field);
  const what = `${node.name}.${field.name} (${field.type})`;
  return [
    `"One ${what} relationship to create or update."\n${block(
      'input',
      ingestionNames.connectInput(node, field),
      [...ends, ...(properties ? [`properties: ${properties}`] : [])],
    )}`,
    `"One ${what} relationship to remove."\n${block('input', ingestionNames.disconnectInput(node, field), ends)}`,
  ];
}

/** `connectPersonKnows` and `disconnectPersonKnows`, with their descriptions. */
export function relationshipMutationFields(node: NodeType, field: RelationshipField): string[] {
  const receipt = `${ingestionNames.receiptType}!`;
  return [
    `"Creates or updates ${field.type} relationships from ${node.name}.${field.name} between existing nodes. One whose start or end does not exist when it is written is rejected and dead-lettered, with the reason on the receipt."`,
    `${ingestionNames.connectField(node, field)}(input: [${ingestionNames.connectInput(node, field)}!]!): ${receipt}`,
    `"Removes ${field.type} relationships of ${node.name}.${field.name}; one that is not there is left as it is."`,
    `${ingestionNames.disconnectField(node, field)}(input: [${ingestionNames.disconnectInput(node, field)}!]!): ${receipt}`,
  ];
}

/** `deletePeople(keys: [PersonKeyInput!]!)`. */
export function deleteMutationField(node: NodeType): string[] {
  return [
    `"Deletes ${node.plural} by key, with all their relationships; a key without a node is left as it is."`,
    `${ingestionNames.deleteField(node)}(keys: [${ingestionNames.keyInput(node.name)}!]!): ${ingestionNames.receiptType}!`,
  ];
}
