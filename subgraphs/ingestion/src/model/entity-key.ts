import type { NodeType } from '@memgate/graph-model';
import type { JsonScalar } from './json-value.js';
import { keyScalarFields } from './key-fields.js';

/**
 * One string per entity, short enough to keep many of them on a receipt and
 * to key Kafka messages: the key value itself for the usual single-field key,
 * a JSON array of the values for a composite key.
 */
export function encodeEntityKey(values: readonly JsonScalar[]): string {
  const [only] = values;
  return values.length === 1 && only !== undefined ? String(only) : JSON.stringify(values);
}

/** The Kafka message key: `Person:p1`, so all updates of one entity land on one partition, in order. */
export function entityMessageKey(typeName: string, values: readonly JsonScalar[]): string {
  return `${typeName}:${encodeEntityKey(values)}`;
}

/**
 * The key fields of an entity back from `encodeEntityKey`, typed as the
 * GraphQL key fields are, for a federation reference `{ __typename, id }`.
 */
export function decodeEntityKey(node: NodeType, encoded: string): Record<string, JsonScalar> {
  const fields = keyScalarFields(node);
  const raw: unknown[] = fields.length === 1 ? [encoded] : (JSON.parse(encoded) as unknown[]);
  const key: Record<string, JsonScalar> = {};
  fields.forEach((field, index) => {
    const value = raw[index];
    if (fields.length > 1) {
      key[field.name] = value as JsonScalar;
    } else if (field.scalar === 'Int' || field.scalar === 'Float') {
      key[field.name] = Number(value);
    } else if (field.scalar === 'Boolean') {
      key[field.name] = value === 'true';
    } else {
      key[field.name] = String(value);
    }
  });
  return key;
}
