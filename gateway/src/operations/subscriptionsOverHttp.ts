import { GraphQLError, OperationTypeNode } from 'graphql';
import type { OperationGuard } from './operationGuard.js';

/**
 * @apollo/gateway cannot execute subscriptions; the gateway serves them
 * itself over graphql-ws on the same path. Over HTTP they are refused with
 * a pointer to the right transport instead of failing inside the executor.
 */
export const subscriptionsOverHttpGuard: OperationGuard = (request) => {
  if (
    request.transport !== 'http' ||
    request.operation.operation !== OperationTypeNode.SUBSCRIPTION
  ) {
    return Promise.resolve(undefined);
  }
  return Promise.resolve(
    new GraphQLError(
      'Subscriptions are served over WebSocket (graphql-transport-ws) at this same endpoint.',
      { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
    ),
  );
};
