import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** What a plan is made from: a validated operation and its coerced variables. */
export interface PlannedOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
}

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * Subscription plans by operation and variables, per schema, so that
 * thousands of clients subscribing alike hold one plan between them instead
 * of a copy each. Documents come from the document cache, one object per
 * query text, so the document object names the query. (Plans are also
 * made from the graph model, which the gateway reads again with each new
 * schema.) Bounded: past `max` plans per schema the least recently used one
 * is forgotten (its subscriptions keep it). A plan that is not `shared` is
 * handed out once and not kept.
 */
export class SubscriptionPlans<P extends { readonly shared: boolean }> {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, P>>();

  constructor(private readonly max = 1_000) {}

  /**
   * The plan alike subscriptions share, or the one `make` makes (errors are
   * not kept). `key` names the operation and variables among the schema's
   * plans: equal keys, equal plans.
   */
  get(request: PlannedOperation, make: (key: string) => P | GraphQLError): P | GraphQLError {
    let plans = this.bySchema.get(request.schema);
    if (!plans) {
      plans = new Map();
      this.bySchema.set(request.schema, plans);
    }
    const key = planKey(request);
    const cached = plans.get(key);
    if (cached !== undefined) {
      // Most recently used last: the first key is the one to forget.
      plans.delete(key);
      plans.set(key, cached);
      return cached;
    }
    const made = make(key);
    if (made instanceof GraphQLError || !made.shared) return made;
    if (plans.size >= this.max) {
      const oldest = plans.keys().next();
      if (!oldest.done) plans.delete(oldest.value);
    }
    plans.set(key, made);
    return made;
  }
}

function planKey(request: PlannedOperation): string {
  let id = documentIds.get(request.document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(request.document, id);
  }
  return [id, request.operation.name?.value ?? '', JSON.stringify(request.variables)].join('\n');
}
