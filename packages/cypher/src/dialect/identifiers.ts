/**
 * Labels, relationship types and property names are written into query
 * text (Cypher has no parameters for them), so they come only from the
 * validated schema model and are always backtick-quoted. Doubling a backtick
 * is how Cypher escapes one inside a quoted name.
 */
export function escapeName(name: string): string {
  if (name.length === 0) throw new Error('a Cypher name cannot be empty');
  return `\`${name.replaceAll('`', '``')}\``;
}

/** `:A:B` for a node pattern or label check. */
export function labelExpression(labels: readonly string[]): string {
  return labels.map((label) => `:${escapeName(label)}`).join('');
}

/** Variables we generate are plain identifiers, so they never need quoting. */
export function isSafeVariable(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
