import type { ScalarField } from '@memgate/graph-model';

/** `"""…"""` descriptions carried over from the graph SDL. */
export function describe(description: string | undefined, indent = ''): string {
  if (!description) return '';
  return `${indent}"""${description.replaceAll('"""', '\\"""')}"""\n`;
}

/** `[String!]!` for a scalar field as the graph SDL declared it. */
export function scalarTypeRef(field: Pick<ScalarField, 'scalar' | 'list' | 'required'>): string {
  const base = field.list ? `[${field.scalar}!]` : field.scalar;
  return field.required ? `${base}!` : base;
}

export function block(keyword: string, header: string, lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return `${keyword} ${header} {\n${lines.map((line) => `  ${line}`).join('\n')}\n}`;
}
