import {
  boolVar,
  engineConfig,
  environmentConfig,
  intVar,
  loggingConfig,
  portVar,
  stringVar,
} from '@memgate/platform/config';
import { graphConnectionConfig } from '@memgate/cypher';
import { internalIdentityVerifierConfig } from '@memgate/platform/identity';
import { tracingConfig } from '@memgate/platform/tracing';
import { schemaPaths } from '@memgate/schema';

/** Everything the query subgraph reads from the environment. */
export const queryConfig = {
  ...environmentConfig,
  ...engineConfig,
  ...internalIdentityVerifierConfig,
  ...graphConnectionConfig,
  ...tracingConfig,
  ...loggingConfig,
  port: portVar('MEMGATE_QUERY_PORT', {
    description: 'HTTP port of the query subgraph (0: a free port).',
    default: 4001,
  }),
  graphSchemaPath: stringVar('MEMGATE_GRAPH_SCHEMA_PATH', {
    description:
      'The graph SDL (node types, relationships, keys) both subgraphs derive their API from.',
    default: schemaPaths.graph,
  }),
  timeoutMs: intVar('MEMGATE_QUERY_TIMEOUT_MS', {
    description:
      'Timeout of one compiled read, enforced by the engine and the client (QUERY_TIMEOUT).',
    default: 10_000,
    min: 100,
  }),
  maxListSize: intVar('MEMGATE_QUERY_MAX_LIST_SIZE', {
    description:
      'Most items one list in a result may hold; more is a RESULT_TOO_LARGE error, never a silent cut.',
    default: 10_000,
    min: 1,
  }),
  maxResultObjects: intVar('MEMGATE_QUERY_MAX_RESULT_OBJECTS', {
    description:
      'Most objects one root field may return across all its nested lists (RESULT_TOO_LARGE beyond).',
    default: 200_000,
    min: 1,
  }),
  queryMemoryLimitMb: intVar('MEMGATE_QUERY_MEMORY_LIMIT_MB', {
    description: 'Memgraph only: QUERY MEMORY LIMIT appended to every read (0: none).',
    default: 0,
    min: 0,
  }),
  regexFilters: boolVar('MEMGATE_REGEX_FILTERS', {
    description:
      'Offer `matches` (regular expression) string filters; off because they can be costly.',
    default: false,
  }),
};
