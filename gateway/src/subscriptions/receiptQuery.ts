import {
  Kind,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { argument, field, query, variableDefinition } from './ast.js';
import { errorsUnder, type Completion, type DerivedResult } from './derivedResult.js';
import { usedFragments, usedVariables, withTypenames, type Fragments } from './selections.js';

/** IngestionReceipt fields a progress message carries itself, by the field they fill. */
export const RECEIPT_EVENT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'status',
  'accepted',
  'written',
  'rejected',
  'updatedAt',
  '__typename',
]);

const RECEIPT_FIELD = 'ingestionReceipt';
const VARIABLE = 'memgate_receipt_';

/**
 * How `ingestionProgress` events are completed: what a progress message
 * does not carry (the source, the records' nodes…) is read with
 * `ingestionReceipt(id:)` through the gateway's own executor, one aliased
 * field per receipt of a burst.
 */
export class ReceiptQuery {
  /** Whether the subscription selects anything a progress message does not carry. */
  readonly needsQueryPerEvent: boolean;
  private readonly documents = new Map<number, DocumentNode>();
  private readonly fragmentDefinitions: FragmentDefinitionNode[];
  private readonly userDefinitions: VariableDefinitionNode[];
  private readonly userVariables: Record<string, unknown>;
  readonly signature: string;

  private constructor(
    private readonly selectionSet: SelectionSetNode,
    fragments: Fragments,
    variableDefinitions: readonly VariableDefinitionNode[],
    variables: Readonly<Record<string, unknown>>,
  ) {
    this.needsQueryPerEvent = topLevelFields(selectionSet, fragments).some(
      (name) => !RECEIPT_EVENT_FIELDS.has(name),
    );
    this.fragmentDefinitions = usedFragments(selectionSet.selections, fragments).map(
      (fragment): FragmentDefinitionNode => ({
        ...fragment,
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: withTypenames(fragment.selectionSet.selections),
        },
      }),
    );
    this.userDefinitions = usedVariables(
      [...selectionSet.selections, ...this.fragmentDefinitions],
      variableDefinitions,
    );
    this.userVariables = Object.fromEntries(
      this.userDefinitions
        .map((definition) => definition.variable.name.value)
        .filter((variableName) => variableName in variables)
        .map((variableName) => [variableName, variables[variableName]]),
    );
    this.signature = `${print(this.document(1))}\n${JSON.stringify(this.userVariables)}`;
  }

  /** undefined when the schema has no `ingestionReceipt(id:)` to complete events with. */
  static plan(options: {
    schema: GraphQLSchema;
    selectionSet: SelectionSetNode;
    fragments: Fragments;
    variableDefinitions: readonly VariableDefinitionNode[];
    variables: Readonly<Record<string, unknown>>;
  }): ReceiptQuery | undefined {
    const root = options.schema.getQueryType()?.getFields()[RECEIPT_FIELD];
    if (!root?.args.some((arg) => arg.name === 'id')) return undefined;
    return new ReceiptQuery(
      options.selectionSet,
      options.fragments,
      options.variableDefinitions,
      options.variables,
    );
  }

  /** The document for a burst of `count` receipts; one per count, reused. */
  document(count: number): DocumentNode {
    let document = this.documents.get(count);
    if (!document) {
      const fields: FieldNode[] = [];
      const definitions: VariableDefinitionNode[] = [];
      for (let index = 0; index < count; index += 1) {
        fields.push(
          field(RECEIPT_FIELD, {
            alias: `r${index}`,
            arguments: [argument('id', `${VARIABLE}${index}`)],
            selections: withTypenames(this.selectionSet.selections),
          }),
        );
        definitions.push(variableDefinition(`${VARIABLE}${index}`, 'ID!'));
      }
      document = {
        kind: Kind.DOCUMENT,
        definitions: [
          query('MemgateIngestionProgress', [...definitions, ...this.userDefinitions], fields),
          ...this.fragmentDefinitions,
        ],
      };
      this.documents.set(count, document);
    }
    return document;
  }

  variables(receiptIds: readonly string[]): Record<string, unknown> {
    const variables: Record<string, unknown> = { ...this.userVariables };
    receiptIds.forEach((id, index) => {
      variables[`${VARIABLE}${index}`] = id;
    });
    return variables;
  }

  completions(result: DerivedResult, receiptIds: readonly string[]): Completion[] {
    return receiptIds.map((_id, index) => ({
      value: result.data?.[`r${index}`] ?? null,
      errors: errorsUnder(result, `r${index}`, undefined),
    }));
  }
}

/** Field names selected directly on the receipt, through fragments. */
function topLevelFields(selectionSet: SelectionSetNode, fragments: Fragments): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      names.push(...topLevelFields(selection.selectionSet, fragments));
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) names.push(...topLevelFields(fragment.selectionSet, fragments));
    }
  }
  return names;
}
