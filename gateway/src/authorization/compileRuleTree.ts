import { allow, and, type IRules } from 'graphql-shield';
import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { ModelGuards } from './modelGuards.js';
import { RoleRules, type ShieldRule } from './roleRules.js';
import type { SupergraphOwnership } from './supergraphOwnership.js';

/** Who may call a root field: every admitted caller, or writers only. */
export type RootAccess = 'read' | 'write';

export interface RuleTreeOptions {
  /** Subgraphs whose fields every admitted caller may read (the generated read API). */
  readSubgraphs: readonly string[];
  /** Subgraphs whose root fields need a writer role (ingestion). */
  writeSubgraphs: readonly string[];
  writerRoles: readonly string[];
  /** Root fields the gateway serves itself (subscriptions), by coordinate. */
  gatewayFields: ReadonlyMap<string, RootAccess>;
}

export interface CompiledRules {
  /** graphql-shield's rule tree for output fields; what it leaves out is denied. */
  readonly tree: IRules;
  /** Rules for input fields (filters and sort keys on guarded fields), by coordinate. */
  readonly inputs: ReadonlyMap<string, ShieldRule>;
}

/**
 * Compiles the rule tree of one supergraph, deny by default:
 *  - a root field is readable if a read subgraph serves it, writable by
 *    writers if only a write subgraph does, and denied otherwise;
 *  - a field of any other type is allowed when a read or write subgraph
 *    serves it — what reaches it is already guarded at the root;
 *  - on top, every `@auth` of the graph model that lands on the field.
 * Fields served only by a subgraph nobody listed get no rule at all, so the
 * fallback rule denies them until an operator decides otherwise.
 */
export function compileRuleTree(
  schema: GraphQLSchema,
  ownership: SupergraphOwnership,
  guards: ModelGuards,
  options: RuleTreeOptions,
): CompiledRules {
  const rules = new RoleRules();
  const writer = rules.anyOf(options.writerRoles);
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map(
      (type) => type?.name,
    ),
  );
  const served = (subgraphs: readonly string[], listed: readonly string[]): boolean =>
    subgraphs.some((subgraph) => listed.includes(subgraph));

  const baseRule = (type: GraphQLObjectType, field: string): ShieldRule | undefined => {
    const coordinate = `${type.name}.${field}`;
    const gatewayAccess = options.gatewayFields.get(coordinate);
    if (gatewayAccess) return gatewayAccess === 'read' ? allow : writer;
    const subgraphs = ownership.servingSubgraphs(type.name, field);
    if (!roots.has(type.name)) {
      return served(subgraphs, [...options.readSubgraphs, ...options.writeSubgraphs])
        ? allow
        : undefined;
    }
    if (served(subgraphs, options.readSubgraphs)) return allow;
    return served(subgraphs, options.writeSubgraphs) ? writer : undefined;
  };

  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields: Record<string, ShieldRule> = {};
    for (const field of Object.keys(type.getFields())) {
      const base = baseRule(type, field);
      if (!base) continue;
      const guard = rules.allOf(guards.outputs.get(`${type.name}.${field}`) ?? []);
      fields[field] = guard === undefined ? base : base === allow ? guard : and(base, guard);
    }
    if (Object.keys(fields).length > 0) tree[type.name] = fields;
  }

  const inputs = new Map<string, ShieldRule>();
  for (const [coordinate, anyOfs] of guards.inputs) {
    const guard = rules.allOf(anyOfs);
    if (guard) inputs.set(coordinate, guard);
  }
  return { tree, inputs };
}
