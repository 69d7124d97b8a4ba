import type { GraphQLSchema } from 'graphql';

/**
 * What @apollo/gateway announces through `onSchemaLoadOrUpdate` for every
 * supergraph it starts serving, before Apollo Server uses it: the API
 * schema operations are validated against, and the supergraph it came from
 * (whose `@join__*` and `@cost` directives the API schema no longer has).
 */
export interface SchemaLoad {
  readonly apiSchema: GraphQLSchema;
  readonly coreSupergraphSdl: string;
}

export type SchemaLoadListener = (load: SchemaLoad) => void;
