import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphModel } from '@memgate/graph-model';
import { isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildResolvers, type QueryLimits } from './resolvers/build-resolvers.js';
import { generateQuerySubgraphSdl } from './schema-generation/generate-subgraph-sdl.js';

export interface QuerySchemaOptions {
  /** Allows `matches` (regular expression) filters; off by default because they can be costly. */
  readonly regexFilters: boolean;
  readonly limits: QueryLimits;
}

export interface QuerySchema {
  readonly schema: GraphQLSchema;
  /** The generated subgraph SDL, as composed into the supergraph. */
  readonly sdl: string;
}

/**
 * Compiled results are keyed by response key (alias), so the same field
 * selected twice with different arguments keeps both values.
 */
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) =>
  (source as Record<string, unknown> | null)?.[info.path.key as string];

const ROOT_AND_FEDERATION_TYPES = new Set(['Query', 'Mutation', 'Subscription', '_Service']);

export function createQuerySchema(model: GraphModel, options: QuerySchemaOptions): QuerySchema {
  const sdl = generateQuerySubgraphSdl(model);
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: buildResolvers(model, options) as never,
  });
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      !isObjectType(type) ||
      type.name.startsWith('__') ||
      ROOT_AND_FEDERATION_TYPES.has(type.name)
    )
      continue;
    for (const field of Object.values(type.getFields())) field.resolve ??= byResponseKey;
  }
  return { schema, sdl };
}
