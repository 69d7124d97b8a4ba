import { scalarFields, type NodeType } from '@memgate/graph-model';
import { ingestionNames } from './names.js';
import { block, described, scalarTypeRef } from './sdl-printing.js';

/**
 * `PersonInput`: the stored scalar fields of a node type. Key fields are
 * required (they say which node to upsert); every other field is optional,
 * so an upsert can update some properties and leave the rest alone.
 */
export function upsertInputType(node: NodeType): string {
  const lines = scalarFields(node).flatMap((field) => {
    const isKey = node.keyFields.includes(field.name);
    return described(field.description, `${field.name}: ${scalarTypeRef(field, isKey)}`);
  });
  const description = `"One ${node.name} to create or update, found by its key. An omitted field is left as it is; null removes it."\n`;
  return `${description}${block('input', ingestionNames.upsertInput(node), lines)}`;
}

/** `upsertPeople(input: [PersonInput!]!): IngestionReceipt!`, with its description line. */
export function upsertMutationField(node: NodeType): string[] {
  return [
    `"Creates or updates ${node.plural} by key. Answers once every record is durably queued; the receipt tells when they are written."`,
    `${ingestionNames.upsertField(node)}(input: [${ingestionNames.upsertInput(node)}!]!): ${ingestionNames.receiptType}!`,
  ];
}
