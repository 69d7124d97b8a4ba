import { describe, expect, it } from 'vitest';
import { ddlStatements, withQueryMemoryLimit } from './ddl.js';

const plan = [
  { label: 'Person', property: 'id', unique: true },
  { label: 'Person', property: 'name', unique: false },
  { label: 'Person', property: 'name', unique: false },
];

describe('ddlStatements', () => {
  it('gives Memgraph an index for every property and a constraint for unique ones', () => {
    expect(ddlStatements('memgraph', plan)).toEqual([
      'CREATE INDEX ON :`Person`(`id`)',
      'CREATE CONSTRAINT ON (n:`Person`) ASSERT n.`id` IS UNIQUE',
      'CREATE INDEX ON :`Person`(`name`)',
    ]);
  });

  it('gives Neo4j idempotent named statements, the constraint standing in for the index', () => {
    expect(ddlStatements('neo4j', plan)).toEqual([
      'CREATE CONSTRAINT `memgate_Person_id_unique` IF NOT EXISTS FOR (n:`Person`) REQUIRE n.`id` IS UNIQUE',
      'CREATE INDEX `memgate_Person_name` IF NOT EXISTS FOR (n:`Person`) ON (n.`name`)',
    ]);
  });

  it('escapes backticks in names', () => {
    expect(ddlStatements('memgraph', [{ label: 'a`b', property: 'c', unique: false }])).toEqual([
      'CREATE INDEX ON :`a``b`(`c`)',
    ]);
  });
});

describe('withQueryMemoryLimit', () => {
  it('appends the cap on Memgraph only', () => {
    expect(withQueryMemoryLimit('memgraph', 'RETURN 1', 100)).toBe(
      'RETURN 1\nQUERY MEMORY LIMIT 100 MB',
    );
    expect(withQueryMemoryLimit('neo4j', 'RETURN 1', 100)).toBe('RETURN 1');
    expect(withQueryMemoryLimit('memgraph', 'RETURN 1', undefined)).toBe('RETURN 1');
  });
});
