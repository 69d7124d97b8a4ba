import {
  isAbstractType,
  Kind,
  visit,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/**
 * The selection sets of every field named `fieldName` in a selection set,
 * by response key, looking through fragments whose type condition is the
 * parent type. Two selections with one response key are merged, as
 * execution merges them.
 */
export function subfieldSelections(
  selectionSets: readonly SelectionSetNode[],
  fieldName: string,
  fragments: Fragments,
): Map<string, SelectionSetNode> {
  const found = new Map<string, SelectionNode[]>();
  const visitSet = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== fieldName || !selection.selectionSet) continue;
        const key = selection.alias?.value ?? selection.name.value;
        found.set(key, [...(found.get(key) ?? []), ...selection.selectionSet.selections]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visitSet(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visitSet(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visitSet(selectionSet);
  return new Map(
    [...found].map(([key, selections]) => [key, { kind: Kind.SELECTION_SET, selections }]),
  );
}

/**
 * The part of a selection on an abstract type (`node { ... on Person {…}
 * ... on Topic {…} }`) that applies to one of its object types, ready to be
 * asked of a field that returns that type: fragments on other types are
 * dropped, everything else is kept as written.
 */
export function selectionFor(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  type: GraphQLObjectType,
  fragments: Fragments,
): SelectionNode[] {
  const applies = (condition: string | undefined): boolean => {
    if (condition === undefined) return true;
    const named: GraphQLNamedType | undefined = schema.getType(condition);
    if (!named) return false;
    return named === type || (isAbstractType(named) && schema.isSubType(named, type));
  };
  return selectionSet.selections.filter((selection) => {
    if (selection.kind === Kind.FIELD) return true;
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return applies(selection.typeCondition?.name.value);
    return applies(fragments.get(selection.name.value)?.typeCondition.name.value);
  });
}

/** Adds `__typename` to every selection set, so abstract types can be told apart in the answer. */
export function withTypenames(selections: readonly SelectionNode[]): SelectionNode[] {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  const root: SelectionSetNode = {
    kind: Kind.SELECTION_SET,
    selections: [typename, ...selections],
  };
  const visited = visit(root, {
    SelectionSet: (node, _key, parent) => {
      if (parent === undefined) return undefined;
      return { ...node, selections: [typename, ...node.selections] };
    },
  });
  return [...visited.selections];
}

/** The fragments the selections spread, directly or through other fragments. */
export function usedFragments(
  selections: readonly SelectionNode[],
  fragments: Fragments,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [{ kind: Kind.SELECTION_SET, selections }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    visit(next, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          pending.push(fragment.selectionSet);
        }
      },
    });
  }
  return [...used.values()];
}

/** The operation's variable definitions the nodes use. */
export function usedVariables(
  nodes: readonly (SelectionNode | FragmentDefinitionNode)[],
  definitions: readonly VariableDefinitionNode[],
): VariableDefinitionNode[] {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return definitions.filter((definition) => names.has(definition.variable.name.value));
}
