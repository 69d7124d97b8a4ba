import type { NodeType } from '@memgate/graph-model';
import { scalarFields } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import { isJsonScalar, type JsonScalar, type JsonValue } from '../model/json-value.js';
import type { ReceiptRef, UpsertNodeOperation } from './graph-operation.js';

/**
 * Typed upsert inputs map one to one onto upsert operations. GraphQL has
 * already checked the types; what it cannot say is that a field the graph
 * SDL declares non-null must not be set to null, which would break every
 * later read of the node.
 */
export function upsertsToOperations(
  node: NodeType,
  records: readonly Readonly<Record<string, unknown>>[],
  receipt: ReceiptRef,
): UpsertNodeOperation[] {
  const fields = new Map(scalarFields(node).map((field) => [field.name, field]));
  return records.map((record, index) => {
    const key: JsonScalar[] = node.keyFields.map((name) => {
      const value = record[name];
      if (!isJsonScalar(value)) throw badRecord(index, name, 'the key field is missing');
      return value;
    });
    const values: Record<string, JsonValue> = {};
    for (const [name, value] of Object.entries(record)) {
      if (value === undefined || node.keyFields.includes(name)) continue;
      const field = fields.get(name);
      if (!field) throw badRecord(index, name, `${node.name} has no stored field "${name}"`);
      if (value === null && field.required) {
        throw badRecord(index, name, `${node.name}.${name} is non-null and cannot be removed`);
      }
      values[name] = value as JsonValue;
    }
    return { kind: 'upsertNode', type: node.name, key, fields: values, receipt };
  });
}

function badRecord(index: number, field: string, reason: string): MemgateError {
  return new MemgateError('BAD_USER_INPUT', `input[${index}].${field}: ${reason}.`, {
    details: { recordIndex: index, field },
  });
}
