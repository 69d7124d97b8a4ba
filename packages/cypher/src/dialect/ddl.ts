import type { EngineKind } from './engine.js';
import { escapeName } from './identifiers.js';

/** One property that must be indexed, and whether it is also unique. */
export interface PropertyIndex {
  readonly label: string;
  readonly property: string;
  readonly unique: boolean;
}

/**
 * Schema DDL in the syntax of the connected engine. On Memgraph a uniqueness
 * constraint does not create an index, so a unique property gets both. Each
 * statement must run in its own auto-commit transaction on Memgraph.
 */
export function ddlStatements(engine: EngineKind, indexes: readonly PropertyIndex[]): string[] {
  const statements: string[] = [];
  for (const { label, property, unique } of dedupe(indexes)) {
    if (engine === 'memgraph') {
      statements.push(`CREATE INDEX ON :${escapeName(label)}(${escapeName(property)})`);
      if (unique) {
        statements.push(
          `CREATE CONSTRAINT ON (n:${escapeName(label)}) ASSERT n.${escapeName(property)} IS UNIQUE`,
        );
      }
      continue;
    }
    // Neo4j backs a uniqueness constraint with an index of its own; creating
    // a plain index on the same property as well would be rejected.
    const name = escapeName(`memgate_${label}_${property}${unique ? '_unique' : ''}`);
    statements.push(
      unique
        ? `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${escapeName(label)}) REQUIRE n.${escapeName(property)} IS UNIQUE`
        : `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${escapeName(label)}) ON (n.${escapeName(property)})`,
    );
  }
  return statements;
}

/** Unique wins over a plain index on the same label and property. */
function dedupe(indexes: readonly PropertyIndex[]): PropertyIndex[] {
  const byKey = new Map<string, PropertyIndex>();
  for (const index of indexes) {
    const key = `${index.label}\u0000${index.property}`;
    const seen = byKey.get(key);
    byKey.set(key, { ...index, unique: index.unique || (seen?.unique ?? false) });
  }
  return [...byKey.values()];
}

/**
 * Memgraph (not Neo4j) accepts a per-query memory cap as a suffix, so one
 * runaway GraphQL query cannot exhaust an instance that holds the whole
 * graph in RAM.
 */
export function withQueryMemoryLimit(
  engine: EngineKind,
  statement: string,
  limitMb: number | undefined,
): string {
  if (engine !== 'memgraph' || limitMb === undefined || limitMb <= 0) return statement;
  return `${statement}\nQUERY MEMORY LIMIT ${Math.floor(limitMb)} MB`;
}
