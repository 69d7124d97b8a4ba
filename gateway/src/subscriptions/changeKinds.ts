import { isEnumType, type GraphQLSchema } from 'graphql';

/** Other names a kind may have in the schema's enum, in order of preference. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  upserted: ['UPDATED', 'CREATED'],
  created: ['UPSERTED'],
  updated: ['UPSERTED'],
};

const namers = new WeakMap<GraphQLSchema, (kind: string) => string>();

/**
 * How a message's `kind` is named in the schema's `GraphChangeKind` enum:
 * its upper-case self when the enum has it, else the nearest alias, so an
 * `updated` message still reads UPSERTED where the schema only knows that.
 * One function per schema, shared by every subscription served from it.
 */
export function changeKindNames(schema: GraphQLSchema): (kind: string) => string {
  let namer = namers.get(schema);
  if (!namer) {
    namer = kindNamer(schema);
    namers.set(schema, namer);
  }
  return namer;
}

function kindNamer(schema: GraphQLSchema): (kind: string) => string {
  const enumType = schema.getType('GraphChangeKind');
  const values = isEnumType(enumType)
    ? new Set(enumType.getValues().map((value) => value.name))
    : undefined;
  return (kind) => {
    const upper = kind.toUpperCase();
    if (!values || values.has(upper)) return upper;
    return ALIASES[kind]?.find((alias) => values.has(alias)) ?? upper;
  };
}
