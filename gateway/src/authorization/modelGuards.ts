import { concreteTargets, type GraphModel, type NodeType } from '@memgate/graph-model';
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';

/** Grants of which the caller must hold at least one (`@auth(requires:)`). */
export type AnyOf = readonly string[];

/** Schema coordinate (`Type.field`) → the `@auth` lists guarding it; every list must be met. */
export type GuardMap = ReadonlyMap<string, readonly AnyOf[]>;

export interface ModelGuards {
  /** Fields of output types. */
  readonly outputs: GuardMap;
  /**
   * Fields of input types. A filter or a sort key on a guarded field is an
   * oracle for its values (`where: { email: { startsWith: "a" } }`), so it
   * needs the same grant as reading the field.
   */
  readonly inputs: GuardMap;
}

/**
 * Where the graph model's `@auth` guards land in the generated API. The
 * query subgraph derives, from each node type N and field f, the fields
 * `N.f`, `N.fConnection` and `N.fAggregate` (relationships), `NAggregateNode.f`
 * (aggregates), `NWhere.f` and `NSort.f`, and root fields named after N's
 * plural; a guard on f, or on N as a whole, applies to all of them. Entries
 * whose coordinate is not in the schema are left out, so the table always
 * matches the supergraph being served.
 */
export function modelGuards(model: GraphModel, schema: GraphQLSchema): ModelGuards {
  const table = new GuardTable(schema);
  for (const node of model.nodes.values()) {
    for (const field of node.fields.values()) {
      const guards = [node.authRequires, field.authRequires].filter((roles) => roles.length > 0);
      if (guards.length === 0) continue;
      table.output(node.name, field.name, guards);
      table.input(`${node.name}Where`, field.name, guards);
      if (field.kind === 'relationship') {
        for (const derived of [`${field.name}Connection`, `${field.name}Aggregate`]) {
          table.output(node.name, derived, guards);
        }
        table.input(`${node.name}Where`, `${field.name}Connection`, guards);
      } else {
        table.output(`${node.name}AggregateNode`, field.name, guards);
        table.input(`${node.name}Sort`, field.name, guards);
      }
    }
    if (node.authRequires.length > 0) guardWholeType(model, node, table);
  }
  guardInterfaceInputs(model, table);
  return { outputs: table.outputs, inputs: table.inputs };
}

/** Everything that reaches a node type guarded as a whole: root fields, relationships, filters. */
function guardWholeType(model: GraphModel, node: NodeType, table: GuardTable): void {
  const guards = [node.authRequires];
  for (const type of Object.values(table.schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type).name === node.name) table.output(type.name, field.name, guards);
    }
  }
  const queryType = table.schema.getQueryType()?.name ?? 'Query';
  for (const root of [node.plural, `${node.plural}Connection`, `${node.plural}Aggregate`]) {
    table.output(queryType, root, guards);
  }
  for (const other of model.nodes.values()) {
    for (const field of other.fields.values()) {
      if (field.kind !== 'relationship') continue;
      if (!concreteTargets(model, field.target).some((target) => target.name === node.name))
        continue;
      for (const derived of [field.name, `${field.name}Connection`, `${field.name}Aggregate`]) {
        table.output(other.name, derived, guards);
      }
      for (const derived of [field.name, `${field.name}Connection`]) {
        table.input(`${other.name}Where`, derived, guards);
      }
    }
  }
  for (const derived of [`${node.name}Where`, `${node.name}Sort`, `${node.name}AggregateNode`]) {
    table.everyField(derived, guards);
  }
}

/**
 * Interfaces: a filter on `Entity.name` filters Person names too, so it
 * carries the guards of every implementation's field. (Selecting the field
 * itself is checked per possible type when an operation is authorised.)
 */
function guardInterfaceInputs(model: GraphModel, table: GuardTable): void {
  for (const face of model.interfaces.values()) {
    for (const fieldName of face.fields.keys()) {
      const guards = face.implementations.flatMap((name) => {
        const node = model.nodes.get(name);
        const field = node?.fields.get(fieldName);
        if (!node || !field) return [];
        return [node.authRequires, field.authRequires].filter((roles) => roles.length > 0);
      });
      if (guards.length === 0) continue;
      table.input(`${face.name}Where`, fieldName, guards);
      table.input(`${face.name}Sort`, fieldName, guards);
    }
  }
}

class GuardTable {
  readonly outputs = new Map<string, AnyOf[]>();
  readonly inputs = new Map<string, AnyOf[]>();

  constructor(readonly schema: GraphQLSchema) {}

  output(type: string, field: string, guards: readonly AnyOf[]): void {
    const named = this.schema.getType(type);
    if ((isObjectType(named) || isInterfaceType(named)) && field in named.getFields()) {
      add(this.outputs, `${type}.${field}`, guards);
    }
  }

  input(type: string, field: string, guards: readonly AnyOf[]): void {
    const named = this.schema.getType(type);
    if (isInputObjectType(named) && field in named.getFields())
      add(this.inputs, `${type}.${field}`, guards);
  }

  everyField(type: string, guards: readonly AnyOf[]): void {
    const named = this.schema.getType(type);
    if (isInputObjectType(named)) {
      for (const field of Object.keys(named.getFields())) this.input(type, field, guards);
    } else if (isObjectType(named)) {
      for (const field of Object.keys(named.getFields())) this.output(type, field, guards);
    }
  }
}

function add(map: Map<string, AnyOf[]>, coordinate: string, guards: readonly AnyOf[]): void {
  const existing = map.get(coordinate) ?? [];
  for (const guard of guards) {
    if (!existing.some((known) => sameGrants(known, guard))) existing.push(guard);
  }
  map.set(coordinate, existing);
}

function sameGrants(a: AnyOf, b: AnyOf): boolean {
  return a.length === b.length && a.every((grant) => b.includes(grant));
}
