import { randomBytes } from 'node:crypto';
import { GraphClient, labelExpression } from '@memgate/cypher';
import { parseGraphModel, type GraphModel } from '@memgate/graph-model';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { inject } from 'vitest';
import { createQuerySchema } from '../src/create-query-schema.js';
import { QueryExecutor } from '../src/execute/query-executor.js';
import { createQueryContext } from '../src/resolvers/query-context.js';

/**
 * A query schema over labels no other test uses: every label in `sdl`
 * written as `{Label}` becomes `Label_<random>`, so tests on one engine never
 * see each other's nodes.
 */
export interface LiveGraph {
  readonly client: GraphClient;
  readonly model: GraphModel;
  readonly schema: GraphQLSchema;
  readonly executor: QueryExecutor;
  label(name: string): string;
  /** Runs a GraphQL operation through the real executor and engine. */
  run(source: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
  /** Runs Cypher to seed data; `{Label}` placeholders are replaced. */
  seed(cypher: string, params?: Record<string, unknown>): Promise<void>;
  dispose(): Promise<void>;
}

export interface LiveGraphOptions {
  readonly maxListSize?: number;
  readonly maxResultObjects?: number;
  readonly timeoutMs?: number;
  readonly regexFilters?: boolean;
}

export async function createLiveGraph(
  sdlTemplate: string,
  options: LiveGraphOptions = {},
): Promise<LiveGraph> {
  const suffix = randomBytes(4).toString('hex');
  const label = (name: string): string => `${name}_${suffix}`;
  const fill = (text: string): string =>
    text.replace(/\{([A-Z]\w*)\}/g, (_, name: string) => label(name));
  const model = parseGraphModel(fill(sdlTemplate));
  const client = await GraphClient.connect(
    { uri: inject('boltUri'), user: inject('boltUser'), password: inject('boltPassword') },
    { timeoutMs: 30_000 },
  );
  const timeoutMs = options.timeoutMs ?? 30_000;
  const executor = new QueryExecutor(client, { timeoutMs, queryMemoryLimitMb: undefined });
  const { schema } = createQuerySchema(model, {
    regexFilters: options.regexFilters ?? true,
    limits: {
      maxListSize: options.maxListSize ?? 10_000,
      maxResultObjects: options.maxResultObjects ?? 100_000,
    },
  });
  return {
    client,
    model,
    schema,
    executor,
    label,
    run: (source, variables) =>
      Promise.resolve(
        execute({
          schema,
          document: parse(source),
          variableValues: variables,
          contextValue: createQueryContext(executor),
        }),
      ),
    seed: async (cypher, params = {}) => {
      await client.write({ text: fill(cypher), params });
    },
    dispose: async () => {
      for (const node of model.nodes.values()) {
        await client.write({
          text: `MATCH (n${labelExpression(node.labels)}) DETACH DELETE n`,
          params: {},
        });
      }
      await client.close();
    },
  };
}
