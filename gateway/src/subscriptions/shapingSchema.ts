import { buildASTSchema, parse, printSchema, type GraphQLSchema } from 'graphql';

const copies = new WeakMap<GraphQLSchema, GraphQLSchema>();

/**
 * A resolver-free copy of the API schema to shape subscription events with.
 * The served schema object is shared with Apollo Server, which wraps every
 * field's `resolve` once any plugin (cache control does) listens to field
 * resolution; a wrapped resolver ignores the `fieldResolver` given to
 * `execute` and would read events by field name. The copy is made once per
 * schema; types, fields and enums are the same, so documents validated
 * against the served schema mean the same against it.
 */
export function shapingSchema(schema: GraphQLSchema): GraphQLSchema {
  let copy = copies.get(schema);
  if (!copy) {
    copy = buildASTSchema(parse(printSchema(schema)), { assumeValidSDL: true });
    copies.set(schema, copy);
  }
  return copy;
}
