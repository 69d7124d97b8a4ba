import type { NodeType, ScalarField } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import type { SortKey } from '../ast/query-ast.js';

type SortInput = Readonly<Record<string, unknown>>;

/**
 * Each element of a sort list names exactly one field: GraphQL input objects
 * carry no key order, so a second key in one element could not say which
 * sorts first.
 */
function singleEntry(element: unknown, where: string): [string, unknown] {
  const entries = Object.entries((element ?? {}) as SortInput).filter(([, value]) => value != null);
  const [entry] = entries;
  if (entries.length !== 1 || !entry) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `Each element of ${where} must name exactly one field, e.g. [{ name: ASC }, { age: DESC }].`,
    );
  }
  return entry;
}

function direction(value: unknown): 'ASC' | 'DESC' {
  return value === 'DESC' ? 'DESC' : 'ASC';
}

export function buildSort(
  fields: ReadonlyMap<string, ScalarField> | ((name: string) => ScalarField | undefined),
  sort: unknown,
  on: SortKey['on'] = 'node',
): SortKey[] {
  if (!Array.isArray(sort)) return [];
  const lookup = typeof fields === 'function' ? fields : (name: string) => fields.get(name);
  return sort.map((element) => {
    const [name, value] = singleEntry(element, 'sort');
    const field = lookup(name);
    if (!field) throw new MemgateError('BAD_USER_INPUT', `Cannot sort by ${name}.`);
    return { on, property: field.property, direction: direction(value) };
  });
}

/** `sort: [{ node: { name: ASC } }, { properties: { since: DESC } }]` on a relationship connection. */
export function buildConnectionSort(
  targetFields: (name: string) => ScalarField | undefined,
  propertiesFields: ReadonlyMap<string, ScalarField> | undefined,
  sort: unknown,
): SortKey[] {
  if (!Array.isArray(sort)) return [];
  return sort.map((element) => {
    const [part, inner] = singleEntry(element, 'sort');
    const [name, value] = singleEntry(inner, `sort.${part}`);
    const field = part === 'node' ? targetFields(name) : propertiesFields?.get(name);
    if (!field) throw new MemgateError('BAD_USER_INPUT', `Cannot sort by ${part}.${name}.`);
    return {
      on: part === 'node' ? 'node' : 'edge',
      property: field.property,
      direction: direction(value),
    };
  });
}

/**
 * Offset pages are only stable when the order is total: the node's key
 * breaks every tie, so no row is skipped or repeated between pages.
 */
export function withKeyTiebreak(
  sort: readonly SortKey[],
  keyOwner: NodeType | undefined,
): SortKey[] {
  if (!keyOwner) return [...sort];
  const keys = keyOwner.keyFields.flatMap((name) => {
    const field = keyOwner.fields.get(name);
    return field?.kind === 'scalar' ? [field.property] : [];
  });
  const extra = keys
    .filter((property) => !sort.some((key) => key.on === 'node' && key.property === property))
    .map((property): SortKey => ({ on: 'node', property, direction: 'ASC' }));
  return [...sort, ...extra];
}
