import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** What the demand-control directives (`@cost`, `@listSize`) say about one field. */
export interface FieldCost {
  readonly weight?: number;
  readonly assumedSize?: number;
  readonly slicingArguments?: readonly string[];
  readonly sizedFields?: readonly string[];
}

/** `Type.field` → its cost directives. */
export type CostDirectives = ReadonlyMap<string, FieldCost>;

/**
 * Reads `@cost(weight:)` and `@listSize(...)` from a supergraph: subgraphs
 * declare them (federation 2.9, the IBM cost specification), composition
 * keeps them on the supergraph's fields, and the API schema drops them.
 */
export function readCostDirectives(supergraphSdl: string | DocumentNode): CostDirectives {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const costs = new Map<string, FieldCost>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const cost = fieldCost(field.directives ?? []);
      if (cost) costs.set(`${definition.name.value}.${field.name.value}`, cost);
    }
  }
  return costs;
}

function fieldCost(directives: readonly ConstDirectiveNode[]): FieldCost | undefined {
  const cost = directives.find((directive) => directive.name.value === 'cost');
  const listSize = directives.find((directive) => directive.name.value === 'listSize');
  if (!cost && !listSize) return undefined;
  return {
    weight: intArgument(cost, 'weight'),
    assumedSize: intArgument(listSize, 'assumedSize'),
    slicingArguments: stringsArgument(listSize, 'slicingArguments'),
    sizedFields: stringsArgument(listSize, 'sizedFields'),
  };
}

function intArgument(directive: ConstDirectiveNode | undefined, name: string): number | undefined {
  const value = directive?.arguments?.find((arg) => arg.name.value === name)?.value;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

function stringsArgument(
  directive: ConstDirectiveNode | undefined,
  name: string,
): string[] | undefined {
  const value = directive?.arguments?.find((arg) => arg.name.value === name)?.value;
  if (value?.kind !== Kind.LIST) return undefined;
  return value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []));
}
