/**
 * The dialect guard: finds constructs that Memgraph 3.x rejects (or runs
 * differently) in a Cypher statement. Our local engine is Neo4j, which
 * accepts all of them, so without this check a query could pass every local
 * test and still fail on Memgraph. Rules follow
 * ../shared/guides/memgraph-cypher.md ("Do not emit").
 */
export interface DialectViolation {
  readonly rule: string;
  readonly reason: string;
  /** The offending text as found in the statement. */
  readonly excerpt: string;
}

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly reason: string;
}

const RULES: readonly Rule[] = [
  {
    name: 'scoped-call-subquery',
    pattern: /\bCALL\s*\([^)]*\)\s*\{/gi,
    reason: 'older Memgraph releases reject CALL (x) { … }; write CALL { WITH x … }',
  },
  {
    name: 'optional-call',
    pattern: /\bOPTIONAL\s+CALL\b/gi,
    reason: 'Memgraph does not support OPTIONAL CALL',
  },
  {
    name: 'count-subquery',
    pattern: /\bCOUNT\s*\{/gi,
    reason:
      'COUNT { … } only runs on the newest Memgraph; use a pattern comprehension or CALL { } with count()',
  },
  {
    name: 'collect-subquery',
    pattern: /\bCOLLECT\s*\{/gi,
    reason: 'Memgraph does not support COLLECT { … } subqueries',
  },
  {
    name: 'call-in-transactions',
    pattern: /\}\s*IN\s+TRANSACTIONS\b/gi,
    reason: 'Memgraph does not support CALL { … } IN TRANSACTIONS',
  },
  {
    name: 'inline-node-where',
    pattern: /\(\s*[A-Za-z_]\w*\s*(?::\s*(?:`(?:[^`]|``)*`|\w+)\s*)*(?:\{[^{}]*\}\s*)?WHERE\b/gi,
    reason: 'Memgraph does not support WHERE inside a node pattern; filter in a WHERE clause',
  },
  {
    name: 'quantified-path-pattern',
    pattern: /\)\s*(?:\{\s*\d*\s*,?\s*\d*\s*\}|[+*](?=\s*(?:-|<|\()))/g,
    reason:
      'Memgraph does not support quantified path patterns; use variable-length relationships *m..n',
  },
  {
    name: 'shortest-path-function',
    pattern: /\b(?:all)?shortestPaths?\s*\(/gi,
    reason: 'Memgraph uses (a)-[*BFS]->(b) / *WSHORTEST instead of shortestPath()',
  },
  {
    name: 'pattern-expression-value',
    pattern: /\bsize\s*\(\s*\(/gi,
    reason: 'Memgraph does not evaluate a pattern as a value; use a pattern comprehension',
  },
  {
    name: 'neo4j-only-function',
    pattern: /\b(?:isEmpty|nullIf|percentileCont|percentileDisc|elementId)\s*\(/gi,
    reason: 'not a Memgraph function',
  },
  {
    name: 'apoc',
    pattern: /\bapoc\.\w/gi,
    reason: 'APOC is Neo4j-only; Memgraph ships MAGE with different names',
  },
  {
    name: 'dynamic-label',
    pattern: /(?:\(\s*\w*\s*:\s*\$|:\s*\$\()/g,
    reason: 'labels must come from the schema and be written into the query text',
  },
  {
    name: 'database-selection',
    pattern: /^\s*USE\s+\w/gi,
    reason: 'Memgraph Community has one database; do not select one with USE',
  },
];

/**
 * String literals and comments can hold any text; blank them out (keeping
 * offsets) so that only Cypher syntax is checked.
 */
function stripLiteralsAndComments(statement: string): string {
  return statement.replace(
    /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (match) => ' '.repeat(match.length),
  );
}

export function findDialectViolations(statement: string): DialectViolation[] {
  const code = stripLiteralsAndComments(statement);
  const violations: DialectViolation[] = [];
  for (const rule of RULES) {
    for (const match of code.matchAll(rule.pattern)) {
      const excerpt = statement.slice(match.index, match.index + match[0].length);
      violations.push({ rule: rule.name, reason: rule.reason, excerpt });
    }
  }
  return violations;
}

export const DIALECT_RULES: readonly string[] = RULES.map((rule) => rule.name);
