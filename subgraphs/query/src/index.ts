export { createQuerySchema } from './create-query-schema.js';
export type { QuerySchema, QuerySchemaOptions } from './create-query-schema.js';
export { generateQuerySubgraphSdl } from './schema-generation/generate-subgraph-sdl.js';
export { createQuerySubgraph } from './server/create-query-subgraph.js';
export type {
  QueryConfig,
  QuerySubgraph,
  QuerySubgraphOptions,
} from './server/create-query-subgraph.js';
export { queryConfig } from './server/config.js';
export { QueryExecutor } from './execute/query-executor.js';
export type { StatementObserver } from './execute/query-executor.js';
export { createQueryContext } from './resolvers/query-context.js';
export type { QueryContext, StatementRunner } from './resolvers/query-context.js';
