import type { JsonScalar, JsonValue } from '../src/model/json-value.js';
import type {
  ConnectOperation,
  DeleteNodeOperation,
  DisconnectOperation,
  ReceiptRef,
  UpsertNodeOperation,
} from '../src/transform/graph-operation.js';

/** Where a relationship operation goes: a field of Person and the type of its end (test-model.ts). */
interface RelationshipOptions {
  readonly field?: string;
  readonly toType?: string;
  readonly toKey?: readonly JsonScalar[];
}

/**
 * Graph operations on the test model, all counted on `receipt`: the
 * writer's unit and engine tests build their batches from these. A
 * relationship starts at a Person and, unless told otherwise, is `knows`
 * to another Person.
 */
export function testOperations(receipt: ReceiptRef) {
  const ends = (from: string, to: string, options: RelationshipOptions) => ({
    type: 'Person',
    field: options.field ?? 'knows',
    from: [from],
    to: { type: options.toType ?? 'Person', key: options.toKey ?? [to] },
    receipt,
  });
  return {
    upsert: (
      type: string,
      key: readonly JsonScalar[],
      fields: Readonly<Record<string, JsonValue>> = {},
    ): UpsertNodeOperation => ({ kind: 'upsertNode', type, key, fields, receipt }),
    connect: (
      from: string,
      to: string,
      properties: Readonly<Record<string, JsonValue>> = {},
      options: RelationshipOptions = {},
    ): ConnectOperation => ({ kind: 'connect', ...ends(from, to, options), properties }),
    disconnect: (
      from: string,
      to: string,
      options: RelationshipOptions = {},
    ): DisconnectOperation => ({
      kind: 'disconnect',
      ...ends(from, to, options),
    }),
    remove: (type: string, key: readonly JsonScalar[]): DeleteNodeOperation => ({
      kind: 'deleteNode',
      type,
      key,
      receipt,
    }),
  };
}
