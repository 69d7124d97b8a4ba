import { describe, expect, it } from 'vitest';
import { findDialectViolations } from './guard.js';

const rulesOf = (statement: string): string[] =>
  findDialectViolations(statement).map((v) => v.rule);

describe('findDialectViolations', () => {
  it.each([
    ['MATCH (n) CALL (n) { RETURN 1 AS x } RETURN x', 'scoped-call-subquery'],
    ['MATCH (n) OPTIONAL CALL { WITH n RETURN 1 AS x } RETURN x', 'optional-call'],
    ['MATCH (n) RETURN COUNT { (n)-->() } AS c', 'count-subquery'],
    ['MATCH (n) RETURN COLLECT { MATCH (n)-->(m) RETURN m } AS c', 'collect-subquery'],
    ['UNWIND $rows AS r CALL { WITH r CREATE (:A) } IN TRANSACTIONS', 'call-in-transactions'],
    ['MATCH (n:Person WHERE n.age > 1) RETURN n', 'inline-node-where'],
    ['MATCH (n:`Per son` {x: 1} WHERE n.age > 1) RETURN n', 'inline-node-where'],
    ['MATCH ((a)-[:R]->(b)){1,3} RETURN a', 'quantified-path-pattern'],
    ['MATCH ((a)-[:R]->(b))+ (c) RETURN a', 'quantified-path-pattern'],
    ['MATCH p = shortestPath((a)-[*]-(b)) RETURN p', 'shortest-path-function'],
    ['MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p', 'shortest-path-function'],
    ['MATCH (n) RETURN size((n)-->()) AS d', 'pattern-expression-value'],
    ['MATCH (n) WHERE isEmpty(n.tags) RETURN n', 'neo4j-only-function'],
    ['MATCH (n) RETURN elementId(n)', 'neo4j-only-function'],
    ['MATCH (n) RETURN apoc.coll.sort(n.tags)', 'apoc'],
    ['MATCH (n:$label) RETURN n', 'dynamic-label'],
    ['MATCH (n) SET n:$($label) RETURN n', 'dynamic-label'],
    ['USE other MATCH (n) RETURN n', 'database-selection'],
  ])('%s → %s', (statement, rule) => {
    expect(rulesOf(statement)).toContain(rule);
  });

  it.each([
    'MATCH (this:`Person`) WHERE this.age > $p0 RETURN this { .name } AS this',
    'MATCH (n) CALL { WITH n MATCH (n)-[:R]->(m) RETURN collect(m) AS ms } RETURN ms',
    'MATCH (n) WHERE EXISTS { MATCH (n)-[:R]->(m:M) WHERE m.x = $x } RETURN n',
    'MATCH (n) RETURN [(n)-[:R]->(m) WHERE m.x > 1 | m { .x }][..$limit] AS ms',
    'MATCH (n) RETURN size([(n)-[:R]->(m) WHERE m.x = 1 | 1]) AS c, any(x IN n.tags WHERE x = $t) AS has',
    'MATCH (n) WHERE n.name = $name RETURN (n.a + n.b) * 2 AS s, {id: $id} AS m',
    'UNWIND $rows AS row MERGE (n:`A` {id: row.id}) SET n += row.props',
    "MATCH (n) WHERE n.note = 'CALL (x) { COUNT { apoc.x } }' RETURN n // shortestPath(",
    'MATCH (a)-[*BFS]->(b) RETURN b',
  ])('accepts %s', (statement) => {
    expect(findDialectViolations(statement)).toEqual([]);
  });
});
