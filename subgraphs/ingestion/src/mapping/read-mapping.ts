import type { GraphModel } from '@memgate/graph-model';
import { compileMapping } from './compile-mapping.js';
import type { CompiledMapping } from './compiled-mapping.js';
import { MappingDocument } from './mapping-document.js';
import type { MappingProblem } from './mapping-problems.js';
import { mappingSpec } from './mapping-schema.js';

export interface ReadMapping {
  /** Set when the file has no problem. */
  readonly mapping?: Omit<CompiledMapping, 'hookPath' | 'hook'> & {
    readonly hook?: string | undefined;
  };
  readonly problems: MappingProblem[];
  /** Reports a further problem at a path of the same file, with its line. */
  readonly report: (path: readonly PropertyKey[], message: string) => void;
}

/**
 * One mapping file, from text to a compiled mapping: YAML or JSON syntax,
 * then the mapping schema, then the graph model. Each step runs only on
 * what the one before accepted, so the problems it lists are real ones.
 */
export function readMapping(file: string, text: string, model: GraphModel): ReadMapping {
  const { document, problems } = MappingDocument.parse(file, text);
  const report = (path: readonly PropertyKey[], message: string): void => {
    problems.push(document.problem(path, message));
  };
  if (problems.length > 0) return { problems, report };
  const data = document.toJS();
  const parsed = mappingSpec.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const last = issue.path[issue.path.length - 1];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) report([...issue.path, key], `unknown key "${key}"`);
      } else if (typeof last === 'string' && valueAt(data, issue.path) === undefined) {
        report(issue.path.slice(0, -1), `"${last}" is missing`);
      } else {
        report(issue.path, issue.message);
      }
    }
    return { problems, report };
  }
  const compiled = compileMapping(parsed.data, model, file, report);
  return problems.length > 0
    ? { problems, report }
    : { mapping: { ...compiled, hook: parsed.data.hook }, problems, report };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}
