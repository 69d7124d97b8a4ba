import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type DocumentNode,
  type FieldNode,
  valueFromAST,
} from 'graphql';
import type { CostDirectives, FieldCost } from './costDirectives.js';

export interface CostOptions {
  /** List size assumed when nothing bounds a list. */
  defaultListSize: number;
  /** Arguments whose value bounds a list (`first`, `limit`…) unless `@listSize` names others. */
  slicingArguments: readonly string[];
  directives: CostDirectives;
}

/**
 * An upper bound of the work an operation asks for, computed before it runs
 * from the document *and its variables* — which is why this is not armor's
 * cost rule: a validation rule sees `first: $n` but never `$n`.
 *
 * Each object field costs its `@cost` weight (default 1; scalars 0), times
 * the sizes of the lists it sits in. A list's size is its slicing argument
 * (`first: 10`, also from variables), else its `@listSize(assumedSize:)`,
 * else the configured default. A slicing argument on a field that returns
 * an object (a Relay connection) sizes that object's list fields (`edges`,
 * `nodes`), or those `@listSize(sizedFields:)` names.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: CostOptions,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const costOf = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    sized: { size: number; fields: readonly string[] | undefined } | undefined,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (isCompositeType(type)) total += costOf(selection.selectionSet, type, multiplier, sized);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && isCompositeType(type))
          total += costOf(fragment.selectionSet, type, multiplier, sized);
        continue;
      }
      if (selection.name.value.startsWith('__') || !('getFields' in parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const directives = options.directives.get(`${parent.name}.${field.name}`);
      const named = getNamedType(field.type);
      total += multiplier * (directives?.weight ?? (isCompositeType(named) ? 1 : 0));
      if (!selection.selectionSet || !isCompositeType(named)) continue;

      const isList = isListType(getNullableType(field.type));
      const slice = sliceOf(field, selection, directives);
      let size = 1;
      if (isList) {
        size =
          slice ??
          (sized && (sized.fields?.includes(field.name) ?? true) ? sized.size : undefined) ??
          directives?.assumedSize ??
          options.defaultListSize;
      }
      const childSized =
        !isList && slice !== undefined
          ? { size: slice, fields: directives?.sizedFields }
          : undefined;
      total += costOf(selection.selectionSet, named, multiplier * size, childSized);
    }
    return total;
  };

  /**
   * The largest slicing argument a field is given, reading only those
   * arguments: coercing all of them (a `where` input object, say) for every
   * field of every request was most of this function's time.
   */
  const sliceOf = (
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    directives: FieldCost | undefined,
  ): number | undefined => {
    const names = directives?.slicingArguments ?? options.slicingArguments;
    let largest: number | undefined;
    for (const name of names) {
      const value = argumentValue(field, node, name, variables);
      if (typeof value === 'number') largest = Math.max(largest ?? 0, value);
    }
    return largest;
  };

  return costOf(operation.selectionSet, root, 1, undefined);
}

/**
 * One argument's value as execution would coerce it: given inline, through a
 * variable (its default when the variable is not given), or the argument's
 * own default; undefined when the field has no such argument or the value
 * does not coerce (validation reports that).
 */
function argumentValue(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  name: string,
  variables: Readonly<Record<string, unknown>>,
): unknown {
  const definition = field.args.find((argument) => argument.name === name);
  if (!definition) return undefined;
  const given = node.arguments?.find((argument) => argument.name.value === name);
  if (!given) return definition.defaultValue;
  if (given.value.kind === Kind.VARIABLE) {
    const variable = given.value.name.value;
    return Object.hasOwn(variables, variable) ? variables[variable] : definition.defaultValue;
  }
  return valueFromAST(given.value, definition.type, variables);
}
