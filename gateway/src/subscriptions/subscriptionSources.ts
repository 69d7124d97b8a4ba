import { getArgumentValues, GraphQLError, Kind, type FieldNode, type SelectionNode } from 'graphql';
import { graphChanged } from './graphChangedSource.js';
import { ingestionProgress } from './ingestionProgressSource.js';
import type { Fragments } from './selections.js';
import {
  badRequest,
  type PreparedSubscription,
  type SubscriptionContext,
  type SubscriptionOperation,
  type SubscriptionPlan,
  type SubscriptionRequest,
  type SubscriptionServices,
} from './subscriptionTypes.js';

/** The subscription fields this gateway serves itself, and who may call them (RBAC). */
export const SUBSCRIPTION_FIELDS: ReadonlyMap<string, 'read' | 'write'> = new Map([
  ['Subscription.graphChanged', 'read'],
  ['Subscription.ingestionProgress', 'write'],
]);

/**
 * Turns a validated, authorised subscription operation into something that
 * streams results: @apollo/gateway cannot execute subscriptions, so the
 * gateway serves its subscription fields itself, from the change feed, and
 * completes each event through the normal query plan. What can be worked
 * out from the operation alone is planned once and shared by every
 * subscription with the same operation and variables.
 */
export function prepareSubscription(
  services: SubscriptionServices,
  request: SubscriptionRequest,
): PreparedSubscription | GraphQLError {
  const plan = services.plans.get(request, (key) => planSubscription(services, request, key));
  if (plan instanceof GraphQLError) return plan;
  return plan.subscribe(request.principal, request.connection);
}

function planSubscription(
  services: SubscriptionServices,
  operation: SubscriptionOperation,
  key: string,
): SubscriptionPlan | GraphQLError {
  const fragments: Fragments = new Map(
    operation.document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION
        ? [[definition.name.value, definition] as const]
        : [],
    ),
  );
  const field = rootField(operation.operation.selectionSet.selections, fragments);
  const definition = field && operation.schema.getSubscriptionType()?.getFields()[field.name.value];
  if (!field || !definition) return badRequest('The subscription selects no field.');
  const args = getArgumentValues(definition, field, operation.variables);
  const context: SubscriptionContext = {
    schema: operation.schema,
    document: operation.document,
    operation: operation.operation,
    variables: operation.variables,
    fragments,
    field,
    rootKey: field.alias?.value ?? field.name.value,
  };
  switch (field.name.value) {
    case 'graphChanged':
      return graphChanged(services, context, args, key);
    case 'ingestionProgress':
      return ingestionProgress(services, context, String(args['receiptId']));
    default:
      return badRequest(
        `This gateway does not serve the subscription field "${field.name.value}".`,
      );
  }
}

/** The one root field of a subscription (validation guarantees one), through fragments. */
function rootField(
  selections: readonly SelectionNode[],
  fragments: Fragments,
): FieldNode | undefined {
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) return selection;
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet.selections
        : fragments.get(selection.name.value)?.selectionSet.selections;
    const found = inner && rootField(inner, fragments);
    if (found) return found;
  }
  return undefined;
}
