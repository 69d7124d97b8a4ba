import type { ScalarField } from '@memgate/graph-model';

/**
 * A definition preceded by its description carried over from the graph SDL,
 * as separate lines so `block` indents both.
 */
export function described(description: string | undefined, definition: string): string[] {
  if (!description) return [definition];
  return [`"""${description.replaceAll('"""', '\\"""')}"""`, definition];
}

/** `[String!]` for a scalar field, `!` appended when `required`. */
export function scalarTypeRef(
  field: Pick<ScalarField, 'scalar' | 'list'>,
  required: boolean,
): string {
  const base = field.list ? `[${field.scalar}!]` : field.scalar;
  return required ? `${base}!` : base;
}

export function block(keyword: string, header: string, lines: readonly string[]): string {
  return `${keyword} ${header} {\n${lines.map((line) => `  ${line}`).join('\n')}\n}`;
}
