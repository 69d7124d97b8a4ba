import { GraphClient, type EngineConnection, type GraphInstrumentation } from '@memgate/cypher';
import { applyIndexPlan, type GraphModel } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';
import { applyBookkeepingSchema } from '../write/bookkeeping-schema.js';

/**
 * Connects to the engine and puts every index and constraint in place before
 * the first write: MERGE on an unindexed key is a full scan. The subgraphs
 * and the workers all run this at start-up; each statement is idempotent.
 */
export async function connectGraph(
  engine: EngineConnection,
  model: GraphModel,
  labels: BookkeepingLabels,
  options: {
    readonly timeoutMs: number;
    readonly userAgent: string;
    readonly logger: Logger;
    /** How long the graph client retries a transaction after transient errors. */
    readonly maxRetryTimeMs?: number;
    /** A span and latency metrics per statement, by statement kind. */
    readonly instrumentation?: GraphInstrumentation;
  },
): Promise<GraphClient> {
  const client = await GraphClient.connect(engine, {
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    ...(options.maxRetryTimeMs !== undefined && { maxRetryTimeMs: options.maxRetryTimeMs }),
    ...(options.instrumentation && { instrumentation: options.instrumentation }),
  });
  try {
    const ddl = await retryingSchemaRaces(async () => [
      ...(await applyIndexPlan(client, model)),
      ...(await applyBookkeepingSchema(client, labels)),
    ]);
    options.logger.info(
      { engine: client.engine, statements: ddl.length },
      'indexes and constraints in place',
    );
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}

const ATTEMPTS = 3;

/**
 * Neo4j's `IF NOT EXISTS` is not atomic: when two services create the same
 * index at the same moment (the query subgraph, this subgraph and a worker
 * all start together under `npm start`), the loser gets "an equivalent
 * index already exists". The next attempt finds the index and passes.
 */
async function retryingSchemaRaces<T>(apply: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await apply();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isSchemaRace(error)) throw error;
    }
  }
}

function isSchemaRace(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^Neo\.ClientError\.Schema\.\w*AlreadyExists$/.test(code);
}
