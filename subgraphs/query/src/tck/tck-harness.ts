import { findDialectViolations, GraphClient, type Statement } from '@memgate/cypher';
import { parseGraphModel } from '@memgate/graph-model';
import { readGraphTypeDefs } from '@memgate/schema';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import neo4j from 'neo4j-driver';
import { afterAll, expect, inject } from 'vitest';
import { createQuerySchema } from '../create-query-schema.js';
import { createQueryContext } from '../resolvers/query-context.js';

/**
 * The TCK harness, in the style of neo4j/graphql: compile a GraphQL
 * operation, capture every statement the subgraph would send, and let the
 * test pin its exact text and parameters.
 *
 * Every captured statement also passes the dialect guard (no construct
 * Memgraph rejects). In live mode (the `tck-live` test project) each one is
 * additionally run on the real engine, so a statement that only looks right
 * fails the suite.
 */
export const TCK_LIMITS = { maxListSize: 1000, maxResultObjects: 100_000 };

const LIVE = process.env['MEMGATE_TCK_LIVE'] === '1';

export interface Translation {
  readonly cypher: string;
  readonly params: Record<string, unknown>;
}

const schemas = new Map<string, GraphQLSchema>();

/** The query schema of the example domain (or of `typeDefs`), built once per SDL. */
export function tckSchema(
  typeDefs = readGraphTypeDefs(),
  options: { regexFilters?: boolean } = {},
): GraphQLSchema {
  const key = `${options.regexFilters === true}\u0000${typeDefs}`;
  let schema = schemas.get(key);
  if (!schema) {
    schema = createQuerySchema(parseGraphModel(typeDefs), {
      regexFilters: options.regexFilters ?? false,
      limits: TCK_LIMITS,
    }).schema;
    schemas.set(key, schema);
  }
  return schema;
}

export async function translateAll(
  source: string,
  options: { variables?: Record<string, unknown>; schema?: GraphQLSchema } = {},
): Promise<Translation[]> {
  const schema = options.schema ?? tckSchema();
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('\n'));
  const statements: Statement[] = [];
  const runner = {
    read: (statement: Statement) => {
      statements.push(statement);
      return Promise.resolve([]);
    },
  };
  const result = await execute({
    schema,
    document,
    variableValues: options.variables ?? {},
    contextValue: createQueryContext(runner),
  });
  // With no rows, non-null roots error after translation; only errors
  // raised while compiling (they carry a code) are the test's business.
  const compileError = result.errors?.find(
    (error) => error.originalError && 'code' in error.originalError,
  );
  if (compileError) throw compileError.originalError ?? compileError;
  for (const statement of statements) {
    expect(findDialectViolations(statement.text), statement.text).toEqual([]);
    if (LIVE) await runLive(statement);
  }
  return statements.map((statement) => ({
    cypher: statement.text,
    params: readable(statement.params) as Record<string, unknown>,
  }));
}

/** Compiles an operation that must produce exactly one statement, in display form. */
export async function tck(
  source: string,
  options: { variables?: Record<string, unknown>; schema?: GraphQLSchema } = {},
): Promise<string> {
  const statements = await translateAll(source, options);
  expect(statements).toHaveLength(1);
  return display(statements[0] as Translation);
}

/**
 * Cypher as a reader wants it in a test: plain names without their
 * backticks (escaping itself is pinned by the security cases), then the
 * parameters, one per line.
 */
export function display(translation: Translation): string {
  const cypher = translation.cypher.replace(/`([A-Za-z_][A-Za-z0-9_]*)`/g, '$1');
  const params = Object.entries(translation.params).map(
    ([name, value]) => `$${name} = ${JSON.stringify(value)}`,
  );
  return params.length > 0 ? `${cypher}\n---\n${params.join('\n')}` : cypher;
}

function readable(value: unknown): unknown {
  if (neo4j.isInt(value)) return `int(${value.toString()})`;
  if (neo4j.isDateTime(value)) return `datetime(${String(value)})`;
  if (Array.isArray(value)) return value.map(readable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, readable(item)]));
  }
  return value;
}

let liveClient: Promise<GraphClient> | undefined;

async function runLive(statement: Statement): Promise<void> {
  liveClient ??= GraphClient.connect(
    { uri: inject('boltUri'), user: inject('boltUser'), password: inject('boltPassword') },
    { timeoutMs: 30_000 },
  );
  const client = await liveClient;
  await client.read(statement);
}

afterAll(async () => {
  if (liveClient) await (await liveClient).close();
  liveClient = undefined;
});
