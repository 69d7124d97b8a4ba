/**
 * Which engine is at the other end of the Bolt connection. Memgate targets
 * Memgraph; Neo4j Community is the local stand-in (docs/adr/0002). Only DDL
 * syntax and the per-query memory limit differ between them; every query
 * is written in the subset both run.
 */
export type EngineKind = 'memgraph' | 'neo4j';

/**
 * Memgraph announces itself in the Bolt agent string (e.g. "Neo4j/v5.11.0
 * compatible graph database server - Memgraph"); Neo4j says "Neo4j/5.26.x".
 */
export function engineFromAgent(agent: string | undefined): EngineKind {
  return agent?.toLowerCase().includes('memgraph') ? 'memgraph' : 'neo4j';
}
