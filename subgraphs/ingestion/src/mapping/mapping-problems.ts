import { MemgateError } from '@memgate/platform/errors';

/** One thing wrong with a mapping file, where a person would fix it. */
export interface MappingProblem {
  readonly file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** Where in the mapping, e.g. `nodes[0].properties.age`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** `mappings/crm.yaml:12:7: nodes[0].type: the graph has no node type "Persn"`. */
export function formatProblem(problem: MappingProblem): string {
  const where =
    problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return problem.path
    ? `${where}: ${problem.path}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

/** Every problem of every file at once, so a start-up failure is fixed in one go. */
export function invalidMappings(problems: readonly MappingProblem[]): MemgateError {
  const lines = problems.map(formatProblem);
  return new MemgateError(
    'INVALID_CONFIG',
    `Invalid ingestion mapping${problems.length === 1 ? '' : 's'}:\n  ${lines.join('\n  ')}`,
    { details: { problems: lines } },
  );
}

/** `nodes[0].key.id` from `['nodes', 0, 'key', 'id']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
