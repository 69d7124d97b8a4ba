import type { Statement } from '@memgate/cypher';
import { parseGraphModel } from '@memgate/graph-model';
import { createQueryContext, createQuerySchema } from '@memgate/query';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LatencyRecorder, type LatencySummary } from '../../lib/latency-recorder.js';
import { MEMGATE_SDL, NEO4J_GRAPHQL_SDL } from './bench-graph.js';
import type { BenchOperation, GraphQLRequest } from './operations.js';

export interface TranslationResult {
  readonly peer: 'memgate' | '@neo4j/graphql';
  readonly operation: string;
  readonly latency: LatencySummary;
  /** The statements one execution sends: round trips, and what the engine runs. */
  readonly statements: readonly Statement[];
}

/** A translator: executes one GraphQL request against a stand-in database and returns what it sent. */
type Translate = (
  document: DocumentNode,
  variables: Record<string, unknown>,
) => Promise<Statement[]>;

export async function memgateTranslator(): Promise<Translate> {
  const { schema } = createQuerySchema(parseGraphModel(MEMGATE_SDL), {
    regexFilters: false,
    limits: { maxListSize: 10_000, maxResultObjects: 1_000_000 },
  });
  return capturingExecutor(schema, (statements) =>
    createQueryContext({
      read: (statement) => {
        statements.push(statement);
        return Promise.resolve([]);
      },
    }),
  );
}

/**
 * @neo4j/graphql runs through any object with `run(query, params)` (its
 * "transaction-like" execution context). This one records the statement and
 * answers with no rows — plus the version probe it sends on first use.
 */
export async function neo4jGraphqlTranslator(): Promise<Translate> {
  const schema = await new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_SDL }).getSchema();
  return capturingExecutor(schema, (statements) => ({
    executionContext: {
      run: (text: string, params: Record<string, unknown>) => {
        if (text.includes('dbms.components()'))
          return Promise.resolve({ records: [['5.26.0', 'community']] });
        statements.push({ text, params });
        return Promise.resolve({ records: [], summary: { counters: { updates: () => ({}) } } });
      },
    },
  }));
}

function capturingExecutor(
  schema: GraphQLSchema,
  contextFor: (statements: Statement[]) => unknown,
): Translate {
  return async (document, variables) => {
    const statements: Statement[] = [];
    await execute({
      schema,
      document,
      variableValues: variables,
      contextValue: contextFor(statements),
    });
    return statements;
  };
}

/**
 * Times whole GraphQL executions against a database that answers at once:
 * parsing is done once outside the loop, so what is measured is validation-
 * free execution — resolving, building the query, printing Cypher.
 */
export async function timeTranslation(
  peer: TranslationResult['peer'],
  translate: Translate,
  operation: BenchOperation,
  request: GraphQLRequest,
  iterations: number,
): Promise<TranslationResult> {
  const document = parse(request.query);
  const statements = await translate(document, request.variables);
  if (statements.length === 0) throw new Error(`${peer} sent no statement for ${operation.key}`);
  for (let i = 0; i < Math.min(200, iterations); i += 1)
    await translate(document, request.variables);
  const recorder = new LatencyRecorder();
  for (let i = 0; i < iterations; i += 1) {
    const started = process.hrtime.bigint();
    await translate(document, request.variables);
    recorder.record(Number(process.hrtime.bigint() - started));
  }
  return { peer, operation: operation.key, latency: recorder.summary(), statements };
}
