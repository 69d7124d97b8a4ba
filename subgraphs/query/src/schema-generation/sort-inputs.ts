import {
  ORDERED_SCALARS,
  type NodeType,
  type RelationshipField,
  type ScalarField,
} from '@memgate/graph-model';
import { names } from './names.js';
import { block } from './sdl-printing.js';

/** Single-valued scalars that have an order (booleans sort false < true). */
export function sortableFields(fields: Iterable<ScalarField>): ScalarField[] {
  return [...fields].filter(
    (field) => !field.list && (ORDERED_SCALARS.has(field.scalar) || field.scalar === 'Boolean'),
  );
}

export function sortInput(typeName: string, fields: Iterable<ScalarField>): string {
  const lines = sortableFields(fields).map((field) => `${field.name}: SortDirection`);
  return `"One sort key per list element; earlier elements sort first."\n${block('input', names.sort(typeName), lines)}`;
}

export function connectionSortInput(
  owner: NodeType,
  field: RelationshipField,
  targetHasSort: boolean,
): string {
  const lines: string[] = [];
  if (targetHasSort) lines.push(`node: ${names.sort(field.target)}`);
  if (field.properties) lines.push(`properties: ${names.propertiesSort(field.properties)}`);
  return block('input', names.connectionSort(owner, field), lines);
}
