import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldDefinitionNode,
} from 'graphql';

/**
 * Which subgraphs serve each type and field of a supergraph, as its
 * `@join__type` and `@join__field` directives record it. The API schema
 * @apollo/gateway serves has lost these directives, so they are read from
 * the supergraph SDL the schema was built from.
 */
export interface SupergraphOwnership {
  /** Subgraph names (as `join__Graph` names them) that can resolve `type.field`. */
  servingSubgraphs(type: string, field: string): readonly string[];
}

export function readSupergraphOwnership(supergraphSdl: string | DocumentNode): SupergraphOwnership {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const graphNames = joinGraphNames(document);
  const fields = new Map<string, readonly string[]>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeGraphs = graphsOf(definition.directives, 'join__type', graphNames);
    for (const field of definition.fields ?? []) {
      fields.set(
        `${definition.name.value}.${field.name.value}`,
        fieldGraphs(field, typeGraphs, graphNames),
      );
    }
  }
  return { servingSubgraphs: (type, field) => fields.get(`${type}.${field}`) ?? [] };
}

/**
 * A field without `@join__field(graph:)` is served by every subgraph that
 * defines its type; with them, by the graphs they name, except where the
 * field is only `external` (declared there, resolved elsewhere).
 */
function fieldGraphs(
  field: FieldDefinitionNode,
  typeGraphs: readonly string[],
  graphNames: ReadonlyMap<string, string>,
): readonly string[] {
  const joins = (field.directives ?? []).filter(
    (directive) =>
      directive.name.value === 'join__field' && argument(directive, 'graph') !== undefined,
  );
  if (joins.length === 0) return typeGraphs;
  return joins
    .filter((directive) => !isTrue(argument(directive, 'external')))
    .flatMap((directive) => graphName(argument(directive, 'graph'), graphNames));
}

/** `enum join__Graph { QUERY @join__graph(name: "query", url: "…") }` → QUERY ↦ query. */
function joinGraphNames(document: DocumentNode): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph')
      continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = join && argument(join, 'name');
      if (name?.kind === Kind.STRING) names.set(value.name.value, name.value);
    }
  }
  return names;
}

function graphsOf(
  directives: readonly ConstDirectiveNode[] | undefined,
  directiveName: string,
  graphNames: ReadonlyMap<string, string>,
): string[] {
  return (directives ?? [])
    .filter((directive) => directive.name.value === directiveName)
    .flatMap((directive) => graphName(argument(directive, 'graph'), graphNames));
}

function graphName(
  value: ConstValueNode | undefined,
  graphNames: ReadonlyMap<string, string>,
): string[] {
  if (value?.kind !== Kind.ENUM) return [];
  const name = graphNames.get(value.value);
  return name === undefined ? [] : [name];
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

function isTrue(value: ConstValueNode | undefined): boolean {
  return value?.kind === Kind.BOOLEAN && value.value;
}
