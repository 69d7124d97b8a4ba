import { execute, GraphQLError, type ExecutionResult } from 'graphql';
import { eventFieldResolver, type EventRoot } from './eventValues.js';
import { shapingSchema } from './shapingSchema.js';
import type { SubscriptionOperation } from './subscriptionTypes.js';

/**
 * The results the client receives, one per event, shaped by executing the
 * subscription document against the event with graphql-js, so aliases,
 * fragments, directives and abstract types behave as in any execution.
 * One per plan: alike subscriptions shape their events the same way.
 */
export class EventShaper {
  constructor(private readonly operation: SubscriptionOperation) {}

  async shape(root: EventRoot): Promise<ExecutionResult> {
    const { schema, document, operation, variables } = this.operation;
    const result = await execute({
      schema: shapingSchema(schema),
      document,
      operationName: operation.name?.value,
      variableValues: variables,
      rootValue: root,
      fieldResolver: eventFieldResolver,
    });
    if (root.errors.length === 0) return result;
    const errors = root.errors.map(
      (error) =>
        new GraphQLError(error.message, { path: error.path, extensions: error.extensions }),
    );
    return { ...result, errors: [...(result.errors ?? []), ...errors] };
  }
}

type Results = Map<string, Map<string, Promise<ExecutionResult>>>;

/** Results by feed message, then by plan, then by caller; they go with the message. */
const shared = new WeakMap<object, Results>();

/**
 * The result of one feed message for subscribers alike in every way that
 * shapes it: the same plan (document, operation, variables; `planKey`) and
 * the same caller as subgraphs see it (`caller`, whose node completions
 * they share). Fan-out to many alike subscribers then completes and shapes
 * each event once; `make` runs for the first of them.
 */
export function sharedResult(
  message: object,
  planKey: string,
  caller: string,
  make: () => Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  let byPlan = shared.get(message);
  if (!byPlan) {
    byPlan = new Map();
    shared.set(message, byPlan);
  }
  let byCaller = byPlan.get(planKey);
  if (!byCaller) {
    byCaller = new Map();
    byPlan.set(planKey, byCaller);
  }
  let result = byCaller.get(caller);
  if (!result) {
    result = make();
    byCaller.set(caller, result);
  }
  return result;
}
