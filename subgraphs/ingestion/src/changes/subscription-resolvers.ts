import { MemgateError } from '@memgate/platform/errors';
import { ingestionNames } from '../schema-generation/names.js';

function throughTheGateway(): never {
  throw new MemgateError(
    'BAD_REQUEST',
    'Subscriptions are served by the gateway from the changes topic: subscribe through the gateway.',
  );
}

/**
 * The subscription fields are declared here so they compose, and served by
 * the gateway, which reads the changes topic and completes `node` through
 * the query plan. A client that reaches this subgraph directly is told so.
 */
export function subscriptionResolvers() {
  return {
    Subscription: {
      // `resolve` too: over HTTP a subscription is executed like a query, never subscribed.
      [ingestionNames.graphChangedField]: {
        subscribe: throughTheGateway,
        resolve: throughTheGateway,
      },
      [ingestionNames.progressField]: { subscribe: throughTheGateway, resolve: throughTheGateway },
    },
    [ingestionNames.nodeUnion]: {
      __resolveType: (value: { __typename?: unknown }) =>
        typeof value.__typename === 'string' ? value.__typename : null,
    },
  };
}
