import { escapeName, labelExpression } from '@memgate/cypher';
import type { Hop, PropertyRef, TargetType } from '../ast/query-ast.js';
import type { Scope } from './print-context.js';

/** `(this0)-[edge1:`KNOWS`]->(this2:`Person`)`; abstract targets get no label here. */
export function hopPattern(from: string, hop: Hop, edge: string, to: string): string {
  const only = hop.targets.length === 1 ? hop.targets[0] : undefined;
  const target = `(${to}${only ? labelExpression(only.labels) : ''})`;
  const relationship = `[${edge}:${escapeName(hop.type)}]`;
  return hop.direction === 'OUT'
    ? `(${from})-${relationship}->${target}`
    : `(${from})<-${relationship}-${target}`;
}

/** `(this2:`Person` OR this2:`Organization`)` for targets with several types. */
export function typeCheck(variable: string, targets: readonly TargetType[]): string {
  const checks = targets.map((target) => `${variable}${labelExpression(target.labels)}`);
  return checks.length === 1 ? (checks[0] ?? '') : `(${checks.join(' OR ')})`;
}

/** The type check a hop needs in WHERE, if its target is abstract. */
export function hopTypeCheck(hop: Hop, to: string): string | undefined {
  return hop.targets.length > 1 ? typeCheck(to, hop.targets) : undefined;
}

export function propertyAccess(scope: Scope, ref: Pick<PropertyRef, 'on' | 'property'>): string {
  const variable = ref.on === 'edge' ? scope.edge : scope.node;
  if (variable === undefined) {
    throw new Error(`property ${ref.property} is on a relationship, but none is in scope`);
  }
  return `${variable}.${escapeName(ref.property)}`;
}

/** Joins conditions with AND; each is atomic or already parenthesised by its printer. */
export function and(conditions: readonly (string | undefined)[]): string | undefined {
  const present = conditions.filter((condition): condition is string => condition !== undefined);
  return present.length === 0 ? undefined : present.join(' AND ');
}

export function mapLiteral(entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, value]) => `${escapeName(key)}: ${value}`).join(', ')} }`;
}
