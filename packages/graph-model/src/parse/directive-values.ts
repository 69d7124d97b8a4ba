import {
  getDirectiveValues,
  type GraphQLDirective,
  type GraphQLSchema,
  type DirectiveNode,
} from 'graphql';

interface HasDirectives {
  readonly astNode?: { readonly directives?: readonly DirectiveNode[] } | null | undefined;
}

/**
 * The arguments of `@name` on a schema element, or undefined when absent.
 * Throws with graphql-js's own message when an argument has the wrong type
 * (e.g. direction: SIDEWAYS); callers turn that into a located problem.
 */
export function directiveArgs(
  schema: GraphQLSchema,
  element: HasDirectives,
  name: string,
): Record<string, unknown> | undefined {
  const directive: GraphQLDirective | null | undefined = schema.getDirective(name);
  if (!directive || !element.astNode) return undefined;
  return getDirectiveValues(directive, element.astNode) ?? undefined;
}

export function hasDirective(element: HasDirectives, name: string): boolean {
  return element.astNode?.directives?.some((directive) => directive.name.value === name) ?? false;
}

/** All uses of a repeatable directive, e.g. several `@key`s. */
export function repeatedDirectiveArgs(
  schema: GraphQLSchema,
  element: HasDirectives,
  name: string,
): Record<string, unknown>[] {
  const directive = schema.getDirective(name);
  const uses = element.astNode?.directives?.filter((node) => node.name.value === name) ?? [];
  if (!directive) return [];
  return uses.map((use) => getDirectiveValues(directive, { directives: [use] }) ?? {});
}
