import { ddlStatements, type GraphClient, type PropertyIndex } from '@memgate/cypher';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';

/** Receipts are found by id (and idempotency key) and offsets by key on every write: all unique and indexed. */
export function bookkeepingIndexes(labels: BookkeepingLabels): PropertyIndex[] {
  return [
    { label: labels.receipt, property: 'id', unique: true },
    // `ingest(idempotencyKey:)` looks receipts up by key before queuing anything.
    { label: labels.receipt, property: 'idempotencyKey', unique: true },
    { label: labels.offset, property: 'key', unique: true },
  ];
}

/** Idempotent DDL in the connected engine's syntax, one auto-commit transaction each. */
export async function applyBookkeepingSchema(
  client: Pick<GraphClient, 'engine' | 'runSchemaStatement'>,
  labels: BookkeepingLabels,
): Promise<string[]> {
  const statements = ddlStatements(client.engine, bookkeepingIndexes(labels));
  for (const statement of statements) await client.runSchemaStatement(statement);
  return statements;
}
