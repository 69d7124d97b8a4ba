import { readFieldPath, type FieldPath } from './field-path.js';

/** A test on one field of the record or of the current `forEach` item. */
export type Condition =
  | { readonly field: FieldPath; readonly equals: string | number | boolean | null }
  | { readonly field: FieldPath; readonly exists: boolean }
  | { readonly field: FieldPath; readonly matches: RegExp };

export interface Scope {
  readonly item: unknown;
  readonly record: unknown;
}

export function holds(condition: Condition, scope: Scope): boolean {
  const value = readFieldPath(condition.field, scope);
  if ('exists' in condition) return (value !== undefined && value !== null) === condition.exists;
  if ('equals' in condition)
    return value === condition.equals || (value === undefined && condition.equals === null);
  const text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  return text !== undefined && condition.matches.test(text);
}

/** Every condition holds (an empty list always does). */
export function allHold(conditions: readonly Condition[], scope: Scope): boolean {
  return conditions.every((condition) => holds(condition, scope));
}

/** The first condition that holds, for saying why a record was dropped. */
export function firstHolding(
  conditions: readonly Condition[],
  scope: Scope,
): Condition | undefined {
  return conditions.find((condition) => holds(condition, scope));
}

/** `status equals "deleted"`: for skip reasons. */
export function describeCondition(condition: Condition): string {
  if ('exists' in condition)
    return `${condition.field.text} ${condition.exists ? 'exists' : 'is missing'}`;
  if ('equals' in condition)
    return `${condition.field.text} equals ${JSON.stringify(condition.equals)}`;
  return `${condition.field.text} matches ${String(condition.matches)}`;
}
