import type { JsonScalar, JsonValue } from '../model/json-value.js';
import type {
  ConnectOperation,
  GraphOperation,
  ReceiptRef,
  UpsertNodeOperation,
} from '../transform/graph-operation.js';
import { coerceToField } from './coerce.js';
import type {
  CompiledMapping,
  CompiledNode,
  CompiledRelationship,
  CompiledValue,
} from './compiled-mapping.js';
import { allHold, describeCondition, firstHolding, type Scope } from './conditions.js';
import { readFieldPath } from './field-path.js';
import type { RawRecord } from './record-transform.js';

/** What a mapping made of one raw record. */
export type MappedRecord =
  | { readonly kind: 'operations'; readonly operations: readonly GraphOperation[] }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Thrown inside the mapping to reject the record; caught in `applyMapping`. */
class RecordRejected extends Error {}

/**
 * Hook, keep/drop rules, then nodes and relationships: a record becomes
 * upserts of its nodes and connects between them, or is skipped on purpose,
 * or is rejected with a reason that names the mapping entry at fault.
 */
export async function applyMapping(
  mapping: CompiledMapping,
  raw: unknown,
  receipt: ReceiptRef,
): Promise<MappedRecord> {
  if (!isObject(raw))
    return { kind: 'rejected', reason: `a record must be a JSON object, got ${describe(raw)}` };
  let record: RawRecord = raw;
  if (mapping.hook) {
    try {
      // A copy: the original stays untouched for the dead letters.
      const transformed: unknown = await mapping.hook(structuredClone(raw));
      if (transformed === null || transformed === undefined) {
        return { kind: 'skipped', reason: 'the hook left it out' };
      }
      if (!isObject(transformed)) {
        return {
          kind: 'rejected',
          reason: `hook: returned ${describe(transformed)}, not a record`,
        };
      }
      record = transformed;
    } catch (error) {
      return {
        kind: 'rejected',
        reason: `hook: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const scope: Scope = { item: record, record };
  const dropped = firstHolding(mapping.drop, scope);
  if (dropped) return { kind: 'skipped', reason: `drop rule: ${describeCondition(dropped)}` };
  const unmet = mapping.keep.find((condition) => !allHold([condition], scope));
  if (unmet)
    return { kind: 'skipped', reason: `keep rule: ${describeCondition(unmet)} does not hold` };
  if (mapping.strict) {
    const unknown = Object.keys(record).filter((name) => !mapping.knownFields.has(name));
    if (unknown.length > 0) {
      return {
        kind: 'rejected',
        reason: `unknown field${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (the mapping is strict)`,
      };
    }
  }
  try {
    const operations = mapRecord(mapping, record, receipt);
    return operations.length === 0
      ? { kind: 'skipped', reason: 'no node of the mapping applies to it' }
      : { kind: 'operations', operations };
  } catch (error) {
    if (error instanceof RecordRejected) return { kind: 'rejected', reason: error.message };
    throw error;
  }
}

/** One produced node: its key and the scope its relationships read from. */
interface Instance {
  readonly key: JsonScalar[];
  readonly scope: Scope;
}

function mapRecord(
  mapping: CompiledMapping,
  record: RawRecord,
  receipt: ReceiptRef,
): GraphOperation[] {
  const upserts: UpsertNodeOperation[] = [];
  const instances = new Map<CompiledNode, (Instance | undefined)[]>();
  for (const node of mapping.nodes) {
    const produced = itemsOf(node, record).map((item) => {
      const scope = { item, record };
      if (!allHold(node.when, scope)) return undefined;
      const key = node.key.map((value) => {
        const read = readValue(value, scope);
        if (read === undefined)
          throw new RecordRejected(`${node.where} key ${value.field.name}: ${noValue(value)}`);
        return read as JsonScalar;
      });
      const fields: Record<string, JsonValue> = {};
      for (const value of node.properties) {
        const read = readValue(value, scope);
        if (read !== undefined) fields[value.field.name] = read;
        else if (value.field.required) {
          throw new RecordRejected(
            `${node.where} ${value.field.name} is non-null: ${noValue(value)}`,
          );
        }
      }
      upserts.push({ kind: 'upsertNode', type: node.node.name, key, fields, receipt });
      return { key, scope };
    });
    instances.set(node, produced);
  }
  const connects = mapping.relationships.flatMap((relationship) =>
    connectsOf(relationship, instances, record, receipt),
  );
  return [...upserts, ...connects];
}

function itemsOf(node: CompiledNode, record: RawRecord): unknown[] {
  if (!node.forEach) return [record];
  const items = readFieldPath(node.forEach, { item: record, record });
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw new RecordRejected(
      `${node.where} forEach: ${node.forEach.text} is ${describe(items)}, not a list`,
    );
  }
  return items;
}

function connectsOf(
  relationship: CompiledRelationship,
  instances: ReadonlyMap<CompiledNode, readonly (Instance | undefined)[]>,
  record: RawRecord,
  receipt: ReceiptRef,
): ConnectOperation[] {
  const from = instances.get(relationship.from) ?? [];
  const to = instances.get(relationship.to) ?? [];
  // A fan-out side gives one relationship per item, read in that item's scope.
  const pairs: [Instance | undefined, Instance | undefined, Scope][] = [];
  if (relationship.from.forEach) {
    from.forEach((start, index) => {
      const end = relationship.to.forEach ? to[index] : to[0];
      pairs.push([start, end, start?.scope ?? { item: record, record }]);
    });
  } else if (relationship.to.forEach) {
    to.forEach((end) => pairs.push([from[0], end, end?.scope ?? { item: record, record }]));
  } else {
    pairs.push([from[0], to[0], { item: record, record }]);
  }
  return pairs.flatMap(([start, end, scope]) => {
    if (!start || !end || !allHold(relationship.when, scope)) return [];
    const properties: Record<string, JsonValue> = {};
    for (const value of relationship.properties) {
      const read = readValue(value, scope);
      if (read !== undefined) properties[value.field.name] = read;
      else if (value.field.required) {
        throw new RecordRejected(
          `${relationship.where} ${value.field.name} is non-null: ${noValue(value)}`,
        );
      }
    }
    return [
      {
        kind: 'connect' as const,
        type: relationship.from.node.name,
        field: relationship.field.name,
        from: start.key,
        to: { type: relationship.to.node.name, key: end.key },
        properties,
        receipt,
      },
    ];
  });
}

/** The coerced value, undefined when the record has none and there is no default. */
function readValue(value: CompiledValue, scope: Scope): JsonValue | undefined {
  if (value.constant !== undefined) return value.constant;
  const raw = value.path ? readFieldPath(value.path, scope) : undefined;
  if (raw === undefined || raw === null) return value.fallback;
  const coerced = coerceToField(value.field, raw, value.options);
  if ('error' in coerced) {
    throw new RecordRejected(`${value.where} (${value.path?.text ?? ''}): ${coerced.error}`);
  }
  return coerced.value;
}

function noValue(value: CompiledValue): string {
  return `no value at "${value.path?.text ?? ''}"`;
}

function isObject(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
