import { ddlStatements, type GraphClient } from '@memgate/cypher';
import type { GraphModel } from './graph-model.js';
import { indexPlan } from './index-plan.js';

/**
 * Creates the indexes and uniqueness constraints the model needs, in the
 * connected engine's syntax, before the first query or write. Every
 * statement is idempotent, so each service can run this at start-up.
 */
export async function applyIndexPlan(client: GraphClient, model: GraphModel): Promise<string[]> {
  const statements = ddlStatements(client.engine, indexPlan(model));
  for (const statement of statements) await client.runSchemaStatement(statement);
  return statements;
}
