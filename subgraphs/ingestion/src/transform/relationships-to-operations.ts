import type { GraphModel, NodeType, RelationshipField } from '@memgate/graph-model';
import type { JsonValue } from '../model/json-value.js';
import {
  endTypes,
  isAbstractTarget,
  relationshipPropertyFields,
} from '../model/relationship-fields.js';
import type {
  ConnectOperation,
  DisconnectOperation,
  EntityRef,
  ReceiptRef,
} from './graph-operation.js';
import { badInput, keyFromInput } from './key-input.js';

type RelationshipInput = Readonly<Record<string, unknown>>;

/** `connectPersonKnows(input:)` records as connect operations, in input order. */
export function connectsToOperations(
  model: GraphModel,
  node: NodeType,
  field: RelationshipField,
  records: readonly RelationshipInput[],
  receipt: ReceiptRef,
): ConnectOperation[] {
  const propertyFields = relationshipPropertyFields(model, field);
  return records.map((record, index) => {
    const properties: Record<string, JsonValue> = {};
    const given = record['properties'];
    if (given !== undefined && given !== null) {
      for (const [name, value] of Object.entries(given as Readonly<Record<string, unknown>>)) {
        if (value === undefined) continue;
        const property = propertyFields.get(name);
        const path = `input[${index}].properties.${name}`;
        if (!property)
          throw badInput(path, `${field.properties ?? field.type} has no field "${name}"`);
        if (value === null && property.required) {
          throw badInput(
            path,
            `${field.properties ?? ''}.${name} is non-null and cannot be removed`,
          );
        }
        properties[name] = value as JsonValue;
      }
    }
    return {
      kind: 'connect',
      type: node.name,
      field: field.name,
      from: keyFromInput(node, record['from'], `input[${index}].from`),
      to: endOf(model, field, record['to'], `input[${index}].to`),
      properties,
      receipt,
    };
  });
}

/** `disconnectPersonKnows(input:)` records as disconnect operations, in input order. */
export function disconnectsToOperations(
  model: GraphModel,
  node: NodeType,
  field: RelationshipField,
  records: readonly RelationshipInput[],
  receipt: ReceiptRef,
): DisconnectOperation[] {
  return records.map((record, index) => ({
    kind: 'disconnect',
    type: node.name,
    field: field.name,
    from: keyFromInput(node, record['from'], `input[${index}].from`),
    to: endOf(model, field, record['to'], `input[${index}].to`),
    receipt,
  }));
}

/**
 * The end node of a relationship input. A concrete target takes its key
 * input directly; an interface or union target takes a one-of input naming
 * the type (`to: { Person: { id } }`), with exactly one member given.
 */
function endOf(
  model: GraphModel,
  field: RelationshipField,
  input: unknown,
  path: string,
): EntityRef {
  const candidates = endTypes(model, field);
  const [only] = candidates;
  if (!isAbstractTarget(model, field) && only) {
    return { type: only.name, key: keyFromInput(only, input, path) };
  }
  const names = candidates.map((candidate) => candidate.name);
  const given = Object.entries((input ?? {}) as Readonly<Record<string, unknown>>).filter(
    ([, value]) => value !== undefined && value !== null,
  );
  const [member] = given;
  if (given.length !== 1 || !member) {
    const got = given.length === 0 ? 'none' : given.map(([name]) => name).join(', ');
    throw badInput(path, `give exactly one of ${names.join(', ')} (got ${got})`);
  }
  const target = candidates.find((candidate) => candidate.name === member[0]);
  if (!target) throw badInput(path, `${member[0]} is not one of ${names.join(', ')}`);
  return { type: target.name, key: keyFromInput(target, member[1], `${path}.${target.name}`) };
}
