import type { GraphModel } from '@memgate/graph-model';
import {
  isAbstractType,
  isObjectType,
  Kind,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { argument, field, includeIf, query, variableDefinition } from './ast.js';
import { keyString, type NodeChange } from './changeMessages.js';
import { errorsUnder, type Completion, type DerivedResult } from './derivedResult.js';
import {
  selectionFor,
  usedFragments,
  usedVariables,
  withTypenames,
  type Fragments,
} from './selections.js';

export type NodeRef = Pick<NodeChange, 'typename' | 'key'>;

/** One root field of the derived query: the nodes of one type, for one `node` selection. */
interface Target {
  readonly responseKey: string;
  /** The response key of the `node` field this completes. */
  readonly nodeKey: string;
  readonly type: string;
  readonly keyFields: readonly string[];
  readonly hasLimit: boolean;
}

const KEY_ALIAS = 'memgate_key_';
const VARIABLE = { where: 'memgate_where_', limit: 'memgate_limit_', include: 'memgate_include_' };

/**
 * How the `node` fields of a `graphChanged` subscription are completed: by
 * one query through the gateway's own executor per burst of events, asking
 * each node type's list field of the read API (`people(where: { id: { in:
 * [...] } })`) for exactly what the subscription selected on that type. The
 * document is the same for every burst — types absent from a burst are
 * skipped with `@include(if: false)` — so Apollo's document and query-plan
 * caches serve it after the first time.
 */
export class NodeQuery {
  readonly document: DocumentNode;
  /** Identifies the query and the values of the subscription's own variables it uses. */
  readonly signature: string;
  private readonly targets: readonly Target[];
  private readonly userVariables: Record<string, unknown>;

  private constructor(
    document: DocumentNode,
    targets: Target[],
    userVariables: Record<string, unknown>,
  ) {
    this.document = document;
    this.targets = targets;
    this.userVariables = userVariables;
    this.signature = `${print(document)}\n${JSON.stringify(userVariables)}`;
  }

  /**
   * undefined when nothing selected under `node` can be fetched (no node
   * type of the model, or no list field with a `where` argument for it).
   */
  static plan(options: {
    schema: GraphQLSchema;
    model: GraphModel;
    /** The `node` selections by response key. */
    nodeSelections: ReadonlyMap<string, SelectionSetNode>;
    /** The type `node` returns: a union or interface of node types, or one of them. */
    nodeType: GraphQLNamedType;
    fragments: Fragments;
    variableDefinitions: readonly VariableDefinitionNode[];
    variables: Readonly<Record<string, unknown>>;
  }): NodeQuery | undefined {
    const { schema, model, fragments } = options;
    const queryType = schema.getQueryType();
    const { nodeType } = options;
    const possible = isAbstractType(nodeType)
      ? schema.getPossibleTypes(nodeType)
      : isObjectType(nodeType)
        ? [nodeType]
        : [];
    const targets: Target[] = [];
    const fields: FieldNode[] = [];
    const definitions: VariableDefinitionNode[] = [];
    for (const [nodeKey, selectionSet] of options.nodeSelections) {
      for (const type of possible) {
        const node = model.nodes.get(type.name);
        const root = node && queryType?.getFields()[node.plural];
        const where = root?.args.find((arg) => arg.name === 'where');
        if (!node || !root || !where) continue;
        const index = targets.length;
        const hasLimit = root.args.some((arg) => arg.name === 'limit');
        const keyFields = node.keyFields.map((key) => field(key, { alias: `${KEY_ALIAS}${key}` }));
        const selections = withTypenames([
          ...keyFields,
          ...selectionFor(schema, selectionSet, type, fragments),
        ]);
        fields.push(
          field(root.name, {
            alias: `n${index}`,
            arguments: [
              argument('where', `${VARIABLE.where}${index}`),
              ...(hasLimit ? [argument('limit', `${VARIABLE.limit}${index}`)] : []),
            ],
            directives: [includeIf(`${VARIABLE.include}${index}`)],
            selections,
          }),
        );
        definitions.push(
          variableDefinition(`${VARIABLE.where}${index}`, String(where.type)),
          variableDefinition(`${VARIABLE.include}${index}`, 'Boolean!'),
          ...(hasLimit ? [variableDefinition(`${VARIABLE.limit}${index}`, 'Int')] : []),
        );
        targets.push({
          responseKey: `n${index}`,
          nodeKey,
          type: type.name,
          keyFields: node.keyFields,
          hasLimit,
        });
      }
    }
    if (targets.length === 0) return undefined;
    const fragmentDefinitions = usedFragments(fields, fragments).map(
      (fragment): FragmentDefinitionNode => ({
        ...fragment,
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: withTypenames(fragment.selectionSet.selections),
        },
      }),
    );
    const userDefinitions = usedVariables(
      [...fields, ...fragmentDefinitions],
      options.variableDefinitions,
    );
    const userVariables = Object.fromEntries(
      userDefinitions
        .map((definition) => definition.variable.name.value)
        .filter((variableName) => variableName in options.variables)
        .map((variableName) => [variableName, options.variables[variableName]]),
    );
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [
        query('MemgateGraphChangedNodes', [...definitions, ...userDefinitions], fields),
        ...fragmentDefinitions,
      ],
    };
    return new NodeQuery(document, targets, userVariables);
  }

  /** Whether events about this type get their node from this query. */
  covers(typename: string): boolean {
    return this.targets.some((target) => target.type === typename);
  }

  variables(refs: readonly NodeRef[]): Record<string, unknown> {
    const variables: Record<string, unknown> = { ...this.userVariables };
    this.targets.forEach((target, index) => {
      const keys = uniqueKeys(refs.filter((ref) => ref.typename === target.type));
      variables[`${VARIABLE.include}${index}`] = keys.length > 0;
      variables[`${VARIABLE.where}${index}`] =
        keys.length > 0 ? whereKeys(target.keyFields, keys) : null;
      if (target.hasLimit) variables[`${VARIABLE.limit}${index}`] = keys.length;
    });
    return variables;
  }

  /** Each ref's `node` values by the response key of its `node` field. */
  completions(result: DerivedResult, refs: readonly NodeRef[]): Map<string, Completion>[] {
    return refs.map((ref) => {
      const byNodeKey = new Map<string, Completion>();
      for (const target of this.targets.filter((candidate) => candidate.type === ref.typename)) {
        const list = result.data?.[target.responseKey];
        const items = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
        const index = items.findIndex((item) =>
          target.keyFields.every(
            (key) => String(item[`${KEY_ALIAS}${key}`]) === String(ref.key[key]),
          ),
        );
        byNodeKey.set(target.nodeKey, {
          value: index < 0 ? null : items[index],
          // Without data the whole query failed, and its errors concern every event.
          errors: !result.data
            ? errorsUnder(result, target.responseKey, undefined)
            : index < 0
              ? []
              : errorsUnder(result, target.responseKey, index),
        });
      }
      return byNodeKey;
    });
  }
}

function uniqueKeys(refs: readonly NodeRef[]): NodeRef['key'][] {
  const seen = new Map<string, NodeRef['key']>();
  for (const ref of refs) seen.set(keyString(ref.key), ref.key);
  return [...seen.values()];
}

/** `{ id: { in: [...] } }` for one key field, `{ OR: [{ a: { eq }, b: { eq } }, …] }` for a compound key. */
export function whereKeys(
  keyFields: readonly string[],
  keys: readonly NodeRef['key'][],
): Record<string, unknown> {
  const [only] = keyFields;
  if (keyFields.length === 1 && only !== undefined)
    return { [only]: { in: keys.map((key) => key[only]) } };
  return {
    OR: keys.map((key) => Object.fromEntries(keyFields.map((name) => [name, { eq: key[name] }]))),
  };
}
