/**
 * The graph model: what the SDL (with Memgate's directives) says about the
 * graph, in a form the query compiler, the schema generator and the
 * ingestion writers read without touching GraphQL ASTs again.
 */
export type ScalarKind = 'ID' | 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'BigInt';

export const NUMERIC_SCALARS: ReadonlySet<ScalarKind> = new Set(['Int', 'Float', 'BigInt']);
export const ORDERED_SCALARS: ReadonlySet<ScalarKind> = new Set([
  'ID',
  'String',
  'Int',
  'Float',
  'DateTime',
  'BigInt',
]);
export const TEXT_SCALARS: ReadonlySet<ScalarKind> = new Set(['ID', 'String']);

/** Roles or scopes from `@auth(requires:)`; the gateway enforces them, any one suffices. */
interface Guarded {
  readonly authRequires: readonly string[];
}

export interface ScalarField extends Guarded {
  readonly kind: 'scalar';
  readonly name: string;
  readonly scalar: ScalarKind;
  /** The node or relationship property that stores the field (`@alias`). */
  readonly property: string;
  readonly list: boolean;
  readonly required: boolean;
  readonly unique: boolean;
  readonly indexed: boolean;
  readonly description: string | undefined;
}

export type Direction = 'OUT' | 'IN';

export interface RelationshipField extends Guarded {
  readonly kind: 'relationship';
  readonly name: string;
  /** The relationship type in the graph, e.g. KNOWS. */
  readonly type: string;
  readonly direction: Direction;
  /** A node type, an interface or a union. */
  readonly target: string;
  readonly list: boolean;
  readonly required: boolean;
  /** The `@relationshipProperties` type carried on the relationship. */
  readonly properties: string | undefined;
  readonly description: string | undefined;
}

export interface CypherField extends Guarded {
  readonly kind: 'cypher';
  readonly name: string;
  /** A read-only statement over `this`; its `columnName` column is the value. */
  readonly statement: string;
  readonly columnName: string;
  /** A scalar kind, or the name of a node type. */
  readonly returns: string;
  readonly returnsScalar: boolean;
  readonly list: boolean;
  readonly required: boolean;
  readonly description: string | undefined;
}

export type Field = ScalarField | RelationshipField | CypherField;

export interface NodeType {
  readonly kind: 'node';
  readonly name: string;
  /** The first label is the primary one: it tells types apart in interfaces and unions. */
  readonly labels: readonly string[];
  /** The lower-camel plural used for root fields, e.g. `people`. */
  readonly plural: string;
  /** Fields that identify a node: `@key` fields, else the `@id` field. */
  readonly keyFields: readonly string[];
  readonly fields: ReadonlyMap<string, Field>;
  readonly interfaces: readonly string[];
  /** Roles from `@auth(requires:)` on the type, enforced by the gateway. */
  readonly authRequires: readonly string[];
  readonly description: string | undefined;
}

export interface InterfaceType {
  readonly kind: 'interface';
  readonly name: string;
  /** The lower-camel plural of its root list field, e.g. `entities`. */
  readonly plural: string;
  readonly fields: ReadonlyMap<string, ScalarField>;
  readonly implementations: readonly string[];
  readonly description: string | undefined;
}

export interface UnionType {
  readonly kind: 'union';
  readonly name: string;
  readonly members: readonly string[];
  readonly description: string | undefined;
}

export interface RelationshipPropertiesType {
  readonly kind: 'relationshipProperties';
  readonly name: string;
  readonly fields: ReadonlyMap<string, ScalarField>;
  readonly description: string | undefined;
}

export interface GraphModel {
  readonly nodes: ReadonlyMap<string, NodeType>;
  readonly interfaces: ReadonlyMap<string, InterfaceType>;
  readonly unions: ReadonlyMap<string, UnionType>;
  readonly relationshipProperties: ReadonlyMap<string, RelationshipPropertiesType>;
}

export function scalarFields(type: { fields: ReadonlyMap<string, Field> }): ScalarField[] {
  return [...type.fields.values()].filter((field): field is ScalarField => field.kind === 'scalar');
}

export function relationshipFields(type: NodeType): RelationshipField[] {
  return [...type.fields.values()].filter(
    (field): field is RelationshipField => field.kind === 'relationship',
  );
}

/** The node types a relationship target stands for: itself, an interface's implementations or a union's members. */
export function concreteTargets(model: GraphModel, target: string): NodeType[] {
  const names = model.interfaces.get(target)?.implementations ??
    model.unions.get(target)?.members ?? [target];
  return names.flatMap((name) => {
    const node = model.nodes.get(name);
    return node ? [node] : [];
  });
}
