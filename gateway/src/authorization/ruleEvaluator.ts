import {
  getArgumentValues,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { deny, shield } from 'graphql-shield';
import type { OperationRequest } from '../operations/operationGuard.js';
import type { CompiledRules } from './compileRuleTree.js';
import type { AuthorizationContext, ShieldRule } from './roleRules.js';

type Middleware = (
  resolve: () => unknown,
  parent: unknown,
  args: Record<string, unknown>,
  context: AuthorizationContext,
  info: GraphQLResolveInfo,
) => Promise<unknown>;

/** Shield hands logic rules over as `{ fragments, resolve }`, plain rules as the function. */
type GeneratedMiddleware = Middleware | { resolve: Middleware };

const ALLOWED = Symbol('allowed');
const DENIED = new Error('denied');
/** What graphql-shield's rules expect as options when called directly. */
const RULE_OPTIONS = {
  debug: false,
  allowExternalErrors: false,
  fallbackRule: deny,
  fallbackError: DENIED,
  hashFunction: () => '',
};

interface Check {
  readonly node: ASTNode;
  run(context: AuthorizationContext): Promise<boolean>;
}

/**
 * Evaluates a compiled rule tree against an operation before it runs.
 *
 * Why not graphql-middleware around resolvers, the usual way to run shield:
 * @apollo/gateway never calls the resolvers of the schema it serves; it
 * executes query plans against subgraphs and shapes their answers itself.
 * So the rule tree goes through graphql-shield as usual — `shield(...)
 * .generate(schema)` yields one middleware per field, with shield's own
 * type rules, fallback rule and validation of the tree against the schema —
 * and each field the operation selects is then run through its middleware
 * here, walking the document with TypeInfo. An operation is refused as a
 * whole if any field (or any filter on a guarded field) is denied, before a
 * single subgraph is called.
 */
export class RuleEvaluator {
  private readonly middleware: Record<string, Record<string, GeneratedMiddleware>>;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly rules: CompiledRules,
  ) {
    const generated = shield(rules.tree, {
      fallbackRule: deny,
      fallbackError: DENIED,
      allowExternalErrors: false,
    }).generate(schema);
    this.middleware = generated as Record<string, Record<string, GeneratedMiddleware>>;
  }

  /** The nodes of every denied field or input field; empty when the operation may run. */
  async deniedNodes(request: OperationRequest): Promise<ASTNode[]> {
    const context: AuthorizationContext = { principal: request.principal, _shield: { cache: {} } };
    const checks = this.checksOf(request);
    const outcomes = await Promise.all(checks.map((check) => check.run(context)));
    return checks.filter((_check, index) => !outcomes[index]).map((check) => check.node);
  }

  private checksOf(request: OperationRequest): Check[] {
    const checks: Check[] = [];
    const typeInfo = new TypeInfo(this.schema);
    const fragments = reachableFragments(request);
    const visitor = visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        // Introspection is governed by MEMGATE_INTROSPECTION, not by roles.
        if (!parent || !field || node.name.value.startsWith('__')) return;
        const possible = isObjectType(parent) ? [parent] : this.schema.getPossibleTypes(parent);
        const args = argumentsOf(field, node, request.variables);
        const infos = possible.map((type) => resolveInfo(request, fragments, node, field, type));
        possible.forEach((type, index) => {
          const info = infos[index];
          if (info) checks.push(this.fieldCheck(type, node, args, info));
        });
        const info = infos[0];
        if (!info) return;
        for (const definition of field.args) {
          this.inputChecks(definition.type, args[definition.name], node, info, checks);
        }
      },
    });
    visit(request.operation, visitor);
    for (const fragment of fragments.values()) visit(fragment, visitor);
    return checks;
  }

  private fieldCheck(
    type: GraphQLObjectType,
    node: FieldNode,
    args: Record<string, unknown>,
    info: GraphQLResolveInfo,
  ): Check {
    const generated = this.middleware[type.name]?.[node.name.value];
    const middleware = typeof generated === 'function' ? generated : generated?.resolve;
    return {
      node,
      run: async (context) => {
        if (!middleware) return false;
        const outcome = await middleware(() => ALLOWED, undefined, args, context, info);
        return outcome === ALLOWED;
      },
    };
  }

  /** Filters and sort keys: every input field set in an argument value, recursively. */
  private inputChecks(
    type: GraphQLInputType,
    value: unknown,
    node: FieldNode,
    info: GraphQLResolveInfo,
    checks: Check[],
  ): void {
    if (value === undefined || value === null) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) this.inputChecks(nullable.ofType, item, node, info, checks);
      return;
    }
    if (!isInputObjectType(nullable) || typeof value !== 'object') return;
    const fields = nullable.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (fieldValue === undefined || !field) continue;
      const rule: ShieldRule | undefined = this.rules.inputs.get(`${nullable.name}.${name}`);
      if (rule) {
        checks.push({
          node,
          run: async (context) =>
            (await rule.resolve(undefined as never, {}, context, info, RULE_OPTIONS)) === true,
        });
      }
      this.inputChecks(field.type, fieldValue, node, info, checks);
    }
  }
}

/** The fragments the operation spreads, directly or through other fragments. */
function reachableFragments(request: OperationRequest): Map<string, FragmentDefinitionNode> {
  const all = new Map<string, FragmentDefinitionNode>();
  for (const definition of request.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) all.set(definition.name.value, definition);
  }
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: ASTNode[] = [request.operation];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    visit(next, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = all.get(name);
        if (fragment && !reached.has(name)) {
          reached.set(name, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return reached;
}

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // Invalid arguments fail at execution anyway; nothing is authorised on them.
    return {};
  }
}

function resolveInfo(
  request: OperationRequest,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  parentType: GraphQLObjectType,
): GraphQLResolveInfo {
  return {
    fieldName: node.name.value,
    fieldNodes: [node],
    returnType: field.type,
    parentType,
    path: { prev: undefined, key: node.alias?.value ?? node.name.value, typename: parentType.name },
    schema: request.schema,
    fragments: Object.fromEntries(fragments),
    rootValue: undefined,
    operation: request.operation,
    variableValues: { ...request.variables },
  };
}
