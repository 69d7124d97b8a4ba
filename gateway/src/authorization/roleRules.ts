import { and, rule } from 'graphql-shield';
import { holdsAnyOf, type Principal } from '../security/principal.js';
import type { AnyOf } from './modelGuards.js';

/** A graphql-shield rule or logic rule, as its rule trees hold them. */
export type ShieldRule = Parameters<typeof and>[number];

type RuleResult = boolean | string | Error;

/** What the rules see as their context: the caller, and shield's per-operation cache. */
export interface AuthorizationContext {
  readonly principal: Principal;
  readonly _shield: { cache: Record<string, RuleResult | Promise<RuleResult>> };
}

/**
 * Builds the role rules of one rule tree. Shield requires one rule object
 * per name, so the same `@auth` list always yields the same rule; its result
 * is cached per operation ('contextual'), as it depends on the caller only.
 */
export class RoleRules {
  private readonly rules = new Map<string, ShieldRule>();

  anyOf(grants: AnyOf): ShieldRule {
    const name = `any-of(${[...grants].sort().join('|')})`;
    let found = this.rules.get(name);
    if (!found) {
      found = rule(name, { cache: 'contextual' })(
        (_parent: unknown, _args: unknown, context: AuthorizationContext) =>
          holdsAnyOf(context.principal, grants),
      );
      this.rules.set(name, found);
    }
    return found;
  }

  /** Every list must be met; one list is its own rule. */
  allOf(guards: readonly AnyOf[]): ShieldRule | undefined {
    const rules = guards.map((grants) => this.anyOf(grants));
    if (rules.length <= 1) return rules[0];
    return and(...rules);
  }
}
