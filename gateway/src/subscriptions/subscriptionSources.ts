import {
  getArgumentValues,
  Kind,
  type FieldNode,
  type GraphQLError,
  type SelectionNode,
} from 'graphql';
import { graphChanged } from './graphChangedSource.js';
import { ingestionProgress } from './ingestionProgressSource.js';
import type { Fragments } from './selections.js';
import {
  badRequest,
  type PreparedSubscription,
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
 * completes each event through the normal query plan.
 */
export function prepareSubscription(
  services: SubscriptionServices,
  request: SubscriptionRequest,
): PreparedSubscription | GraphQLError {
  const fragments: Fragments = new Map(
    request.document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION
        ? [[definition.name.value, definition] as const]
        : [],
    ),
  );
  const field = rootField(request.operation.selectionSet.selections, fragments);
  const definition = field && request.schema.getSubscriptionType()?.getFields()[field.name.value];
  if (!field || !definition) return badRequest('The subscription selects no field.');
  const args = getArgumentValues(definition, field, request.variables);
  const context = { ...request, fragments, field, rootKey: field.alias?.value ?? field.name.value };
  switch (field.name.value) {
    case 'graphChanged':
      return graphChanged(services, context, args);
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
