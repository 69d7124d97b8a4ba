import { scalarFields, type NodeType } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import type { JsonScalar } from '../model/json-value.js';
import { keyScalarFields } from '../model/key-fields.js';
import type { UpsertNodeOperation } from '../transform/graph-operation.js';
import { toBoltValue } from './bolt-values.js';

/**
 * A node's key in a statement row, as Bolt values: the value itself when
 * its type has one key field (`row[1]` in the Cypher), else its values in
 * `@key` order (`row[1][0]`, `row[1][1]`…). Statement rows are lists, not
 * maps: Bolt would pack every field name again in every row, which cost
 * the worker about half of a connect statement's encoding; and a list
 * around a single value cost the packing of a row a third again.
 */
export type RowKey = unknown;

/** What an upsert writes: the node's key, and its properties by stored property name, as Bolt values. */
export interface WriteRow {
  readonly key: RowKey;
  readonly props: Record<string, unknown>;
}

/** A node's key as a statement row holds it (see `RowKey`). */
export function rowKey(node: NodeType, values: readonly JsonScalar[]): RowKey {
  const keyFields = keyScalarFields(node);
  if (values.length !== keyFields.length) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `${node.name} is keyed by ${keyFields.length} field(s), the operation gives ${values.length}.`,
    );
  }
  const [only] = keyFields;
  if (only && keyFields.length === 1) return toBoltValue(only, values[0] ?? null);
  return keyFields.map((field, index) => toBoltValue(field, values[index] ?? null));
}

/**
 * An operation as a row of its node type's upsert. Throws BAD_USER_INPUT
 * when the operation does not fit the model (a field the model no longer
 * has, a value of the wrong type): the operation is rejected, not retried.
 */
export function toWriteRow(node: NodeType, operation: UpsertNodeOperation): WriteRow {
  const key = rowKey(node, operation.key);
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
