import { getNamedType, isObjectType, type GraphQLError, type GraphQLFormattedError } from 'graphql';
import { identityKey } from '../federation/identityForwarder.js';
import { changeKindNames } from './changeKinds.js';
import type { NodeChange } from './changeMessages.js';
import type { Completion } from './derivedResult.js';
import { ChangeValue, EventRoot } from './eventValues.js';
import { eventStream, executeEach } from './executeEvents.js';
import { NodeQuery, type NodeRef } from './nodeQuery.js';
import { subfieldSelections } from './selections.js';
import {
  badRequest,
  type PreparedSubscription,
  type SubscriptionContext,
  type SubscriptionServices,
} from './subscriptionTypes.js';

const FAILED: GraphQLFormattedError = {
  message: 'The changed node could not be fetched.',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

/**
 * `graphChanged(types, keys)`: node changes from the feed, filtered, each
 * completed with its `node` through one query per burst (see NodeQuery).
 */
export function graphChanged(
  services: SubscriptionServices,
  context: SubscriptionContext,
  args: Record<string, unknown>,
): PreparedSubscription | GraphQLError {
  const model = services.model();
  const types = (args['types'] as string[] | null | undefined) ?? undefined;
  const unknown = (types ?? []).filter((type) => !model.nodes.has(type));
  if (unknown.length > 0) {
    return badRequest(`graphChanged: no node type is called ${unknown.join(', ')}.`);
  }
  const keys = (args['keys'] as string[] | null | undefined) ?? undefined;
  const kindName = changeKindNames(context.schema);
  const changeType = context.schema.getType('GraphChange');
  const nodeField = isObjectType(changeType) ? changeType.getFields()['node'] : undefined;
  const selectionSets = context.field.selectionSet ? [context.field.selectionSet] : [];
  const nodeSelections = subfieldSelections(selectionSets, 'node', context.fragments);
  const nodeQuery =
    nodeField && nodeSelections.size > 0
      ? NodeQuery.plan({
          schema: context.schema,
          model,
          nodeSelections,
          nodeType: getNamedType(nodeField.type),
          fragments: context.fragments,
          variableDefinitions: context.operation.variableDefinitions ?? [],
          variables: context.variables,
        })
      : undefined;

  const fetchNodes = async (refs: readonly NodeRef[]): Promise<Map<string, Completion>[]> => {
    if (!nodeQuery) return refs.map(() => new Map());
    try {
      const result = await services.execute(
        nodeQuery.document,
        nodeQuery.variables(refs),
        context.principal,
      );
      return nodeQuery.completions(result, refs);
    } catch (error) {
      services.logger.error({ err: error }, 'completing graph changes failed');
      const failed = new Map(
        [...nodeSelections.keys()].map((key) => [key, { value: null, errors: [FAILED] }]),
      );
      return refs.map(() => failed);
    }
  };

  return {
    start: () => {
      const lease =
        nodeQuery &&
        services.loaders.lease<NodeRef, Map<string, Completion>>(
          `${identityKey(context.principal)}\n${nodeQuery.signature}`,
          fetchNodes,
        );
      const complete = async (change: NodeChange): Promise<EventRoot> => {
        const nodes =
          lease && change.kind !== 'deleted' && nodeQuery.covers(change.typename)
            ? await lease.load(change)
            : new Map<string, Completion>();
        const errors = [...nodes].flatMap(([nodeKey, completion]) =>
          completion.errors.map((error) => ({
            ...error,
            path: [context.rootKey, nodeKey, ...(error.path ?? [])],
          })),
        );
        return new EventRoot(new ChangeValue(change, nodes, kindName), errors, change);
      };
      const stream = eventStream(services, context);
      const unsubscribe = services.hub.onNodeChange({ types, keys }, (change) => {
        if (!context.connection.overloaded()) stream.push(complete(change));
      });
      stream.onClose(() => {
        unsubscribe();
        lease?.release();
      });
      return executeEach(stream, context);
    },
  };
}
