import type { NodeType, RelationshipField, ScalarField } from '@memgate/graph-model';
import type { JsonValue } from '../model/json-value.js';
import type { CoercionOptions } from './coerce.js';
import type { Condition } from './conditions.js';
import type { FieldPath } from './field-path.js';
import type { RecordTransform } from './record-transform.js';

/** One mapped field: where its value comes from and how it is read. */
export interface CompiledValue {
  /** The mapping entry, e.g. `nodes[0].properties.age`, for error messages. */
  readonly where: string;
  readonly field: ScalarField;
  readonly path?: FieldPath | undefined;
  /** A constant, already coerced. */
  readonly constant?: JsonValue | undefined;
  /** Used when the path is missing or null, already coerced. */
  readonly fallback?: JsonValue | undefined;
  readonly options: CoercionOptions;
}

export interface CompiledNode {
  readonly alias: string;
  /** `nodes[0] (Person)`. */
  readonly where: string;
  readonly node: NodeType;
  /** One node per element of this array; paths inside resolve against the element. */
  readonly forEach?: FieldPath | undefined;
  readonly when: readonly Condition[];
  /** In `@key` order. */
  readonly key: readonly CompiledValue[];
  readonly properties: readonly CompiledValue[];
}

export interface CompiledRelationship {
  /** `relationships[0] (WORKS_AT)`. */
  readonly where: string;
  readonly from: CompiledNode;
  readonly to: CompiledNode;
  /** The outgoing field of `from.node` that the relationship writes. */
  readonly field: RelationshipField;
  readonly when: readonly Condition[];
  readonly properties: readonly CompiledValue[];
}

/** A mapping checked against the graph model, ready to apply to records. */
export interface CompiledMapping {
  readonly source: string;
  readonly file: string;
  readonly description?: string | undefined;
  /**
   * An existing topic the workers consume as this source: each message's
   * value is one record. Absent for sources fed only through `ingest` and
   * REST uploads.
   */
  readonly topic?: string | undefined;
  /** The consumer group that reads `topic`; the workers' group when absent. */
  readonly groupId?: string | undefined;
  /** Records with top-level fields the mapping never reads are rejected. */
  readonly strict: boolean;
  /** Absolute path of the hook module, if any. */
  readonly hookPath?: string | undefined;
  /** Loaded by the worker only; the subgraph needs the mapping's name, not its code. */
  readonly hook?: RecordTransform | undefined;
  /** A record is skipped unless every `keep` condition holds… */
  readonly keep: readonly Condition[];
  /** …or when any `drop` condition holds. */
  readonly drop: readonly Condition[];
  readonly nodes: readonly CompiledNode[];
  readonly relationships: readonly CompiledRelationship[];
  /** The top-level record fields the mapping reads, for `strict`. */
  readonly knownFields: ReadonlySet<string>;
}
