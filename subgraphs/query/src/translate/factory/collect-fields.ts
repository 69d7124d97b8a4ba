import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionContext {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variableValues: Readonly<Record<string, unknown>>;
}

/**
 * The fields selected on an object of `type`, grouped by response key in
 * order of first appearance, with fragments (inline and named) expanded and
 * @skip / @include applied — as GraphQL execution would collect them
 * (spec §6.3.2 CollectFields).
 */
export function collectFields(
  context: SelectionContext,
  type: GraphQLObjectType,
  selectionSets: readonly (SelectionSetNode | undefined)[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const selectionSet of selectionSets) {
    if (selectionSet) collectInto(context, type, selectionSet, fields, visited);
  }
  return fields;
}

function collectInto(
  context: SelectionContext,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!shouldInclude(context, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        const existing = fields.get(key);
        if (existing) existing.push(selection);
        else fields.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (conditionMatches(context, selection.typeCondition?.name.value, type)) {
          collectInto(context, type, selection.selectionSet, fields, visited);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = context.fragments[name];
        if (visited.has(name) || !fragment) break;
        visited.add(name);
        if (conditionMatches(context, fragment.typeCondition.name.value, type)) {
          collectInto(context, type, fragment.selectionSet, fields, visited);
        }
        break;
      }
    }
  }
}

function shouldInclude(
  context: SelectionContext,
  node: Parameters<typeof getDirectiveValues>[1],
): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, context.variableValues);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, context.variableValues);
  return include?.['if'] !== false;
}

function conditionMatches(
  context: SelectionContext,
  condition: string | undefined,
  type: GraphQLObjectType,
): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = context.schema.getType(condition);
  return (
    conditionType !== undefined &&
    isAbstractType(conditionType) &&
    context.schema.isSubType(conditionType, type)
  );
}

/** The sub-selections of every node merged under one response key. */
export function subSelections(nodes: readonly FieldNode[]): (SelectionSetNode | undefined)[] {
  return nodes.map((node) => node.selectionSet);
}
