import type { Statement } from '@memgate/cypher';
import type DataLoader from 'dataloader';
import type { FieldNode } from 'graphql';
import type { Record as BoltRecord } from 'neo4j-driver';

/** What resolvers need to run a statement; the QueryExecutor in production. */
export interface StatementRunner {
  read(statement: Statement): Promise<BoltRecord[]>;
}

/** Per-request state of the query subgraph. */
export interface QueryContext {
  readonly runner: StatementRunner;
  /** One loader per `_entities` field and type: all references of a type become one statement. */
  readonly entityLoaders: WeakMap<
    FieldNode,
    Map<string, DataLoader<Record<string, unknown>, unknown>>
  >;
}

export function createQueryContext(runner: StatementRunner): QueryContext {
  return { runner, entityLoaders: new WeakMap() };
}
