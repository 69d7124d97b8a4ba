import { scalarFields, type NodeType } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import type { JsonScalar } from '../model/json-value.js';
import { keyScalarFields } from '../model/key-fields.js';
import type { UpsertNodeOperation } from '../transform/graph-operation.js';
import { toBoltValue } from './bolt-values.js';

/**
 * A node's key in a statement row: its values in `@key` order, as Bolt
 * values (`row[1][0]`, `row[1][1]`… in the Cypher). Statement rows are
 * lists, not maps: Bolt would pack every field name again in every row,
 * which cost the worker about half of a connect statement's encoding.
 */
export type KeyValues = readonly unknown[];

/** What an upsert writes: the node's key, and its properties by stored property name, as Bolt values. */
export interface WriteRow {
  readonly key: KeyValues;
  readonly props: Record<string, unknown>;
}

/** Key values in `@key` order, as Bolt values. */
export function keyValues(node: NodeType, values: readonly JsonScalar[]): KeyValues {
  const keyFields = keyScalarFields(node);
  if (values.length !== keyFields.length) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `${node.name} is keyed by ${keyFields.length} field(s), the operation gives ${values.length}.`,
    );
  }
  return keyFields.map((field, index) => toBoltValue(field, values[index] ?? null));
}

/**
 * An operation as a row of its node type's upsert. Throws BAD_USER_INPUT
 * when the operation does not fit the model (a field the model no longer
 * has, a value of the wrong type): the operation is rejected, not retried.
 */
export function toWriteRow(node: NodeType, operation: UpsertNodeOperation): WriteRow {
  const key = keyValues(node, operation.key);
  const fields = new Map(scalarFields(node).map((field) => [field.name, field]));
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(operation.fields)) {
    const field = fields.get(name);
    if (!field || node.keyFields.includes(name)) {
      throw new MemgateError(
        'BAD_USER_INPUT',
        `${node.name} has no stored, non-key field "${name}".`,
      );
    }
    props[field.property] = toBoltValue(field, value);
  }
  return { key, props };
}
