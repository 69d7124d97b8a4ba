import type { GraphModel, NodeType } from '@memgate/graph-model';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';
import { ResultMapper, type MappingLimits } from '../execute/map-result.js';
import { FilterBuilder } from '../translate/factory/build-filter.js';
import { buildEntitiesQuery, buildRootQuery } from '../translate/factory/build-root-query.js';
import type { FactoryContext } from '../translate/factory/factory-context.js';
import { FieldIndex } from '../translate/factory/field-index.js';
import { printRootQuery } from '../translate/printer/print-root-query.js';
import type { QueryContext } from './query-context.js';
import { BigIntScalar, DateTimeScalar } from '@memgate/graph-model';

export type QueryLimits = MappingLimits;

type FieldResolver = (
  source: unknown,
  args: Record<string, unknown>,
  context: QueryContext,
  info: GraphQLResolveInfo,
) => unknown;

/** Apollo calls it with (reference, context, info): no arguments object. */
type ReferenceResolver = (
  reference: unknown,
  context: QueryContext,
  info: GraphQLResolveInfo,
) => unknown;

/** The resolver map shape `buildSubgraphSchema` takes. */
export type ResolverMap = Record<
  string,
  Record<string, FieldResolver | ReferenceResolver> | GraphQLScalarType
>;

type Representation = Record<string, unknown>;

/**
 * The resolvers of the generated API: every root field compiles its whole
 * selection into one statement, every entity type batches its references
 * into one statement per request. No resolver walks the graph by itself.
 */
export function buildResolvers(
  model: GraphModel,
  options: { readonly limits: QueryLimits; readonly regexFilters: boolean },
): ResolverMap {
  const { limits } = options;
  const index = new FieldIndex(model);
  const filters = new FilterBuilder(model, { regexFilters: options.regexFilters });
  const factory = (info: GraphQLResolveInfo): FactoryContext => ({
    schema: info.schema,
    fragments: info.fragments,
    variableValues: info.variableValues,
    model,
    index,
    filters,
    limits,
  });

  const query: Record<string, FieldResolver> = {};
  for (const fieldName of index.rootFieldNames()) {
    const plan = index.root(fieldName);
    if (!plan) continue;
    query[fieldName] = async (_source, args, context, info) => {
      const ast = buildRootQuery(factory(info), plan, fieldName, args, info.fieldNodes);
      // The root field names the compiled operation in spans and metrics.
      const records = await context.runner.read({ ...printRootQuery(ast), kind: fieldName });
      return new ResultMapper(limits).mapRoot(ast, records);
    };
  }

  const resolvers: ResolverMap = {
    Query: query,
    DateTime: DateTimeScalar,
    BigInt: BigIntScalar,
  };
  for (const node of model.nodes.values()) {
    resolvers[node.name] = {
      __resolveReference: ((reference, context, info) =>
        entityLoader(context, info, node, factory).load(
          reference as Representation,
        )) satisfies ReferenceResolver,
    };
  }
  const resolveType: FieldResolver = (value) => (value as { __typename?: string }).__typename;
  for (const name of [...model.interfaces.keys(), ...model.unions.keys()]) {
    resolvers[name] = { __resolveType: resolveType };
  }
  return resolvers;

  function entityLoader(
    context: QueryContext,
    info: GraphQLResolveInfo,
    node: NodeType,
    makeFactory: (info: GraphQLResolveInfo) => FactoryContext,
  ): DataLoader<Representation, unknown> {
    const fieldNode = info.fieldNodes[0];
    if (!fieldNode) throw new Error('_entities was resolved without a field node');
    let byType = context.entityLoaders.get(fieldNode);
    if (!byType) {
      byType = new Map();
      context.entityLoaders.set(fieldNode, byType);
    }
    let loader = byType.get(node.name);
    if (!loader) {
      loader = new DataLoader<Representation, unknown>(
        async (representations) => {
          const ast = buildEntitiesQuery(makeFactory(info), node, representations, info.fieldNodes);
          const records = await context.runner.read({
            ...printRootQuery(ast),
            kind: `_entities:${node.name}`,
          });
          return new ResultMapper(limits).mapRoot(ast, records) as unknown[];
        },
        // References repeat across a request only by accident; caching them
        // would hand one object to two places that may select differently.
        { cache: false },
      );
      byType.set(node.name, loader);
    }
    return loader;
  }
}
