import pluralize from 'pluralize';

/** Labels, relationship types and property names Memgate accepts in an SDL. */
export const GRAPH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `Person` → `people`, `Organization` → `organizations`. */
export function pluralFieldName(typeName: string): string {
  const plural = pluralize.plural(lowerFirst(typeName));
  // Uncountable words ("Data") would give a plural equal to the singular.
  return plural === lowerFirst(typeName) ? `${plural}List` : plural;
}
