import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { identityKey } from '../federation/identityForwarder.js';
import { TERMINAL_RECEIPT_STATUSES, type ReceiptProgress } from './changeMessages.js';
import type { Completion } from './derivedResult.js';
import { EventRoot, ReceiptValue } from './eventValues.js';
import { eventStream, executeEach } from './executeEvents.js';
import { ReceiptQuery } from './receiptQuery.js';
import {
  badRequest,
  type PreparedSubscription,
  type SubscriptionContext,
  type SubscriptionServices,
} from './subscriptionTypes.js';

const FAILED: GraphQLFormattedError = {
  message: 'The receipt could not be fetched.',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

/**
 * `ingestionProgress(receiptId)`: where the receipt stands now, then every
 * progress message about it, until it completes or fails.
 */
export function ingestionProgress(
  services: SubscriptionServices,
  context: SubscriptionContext,
  receiptId: string,
): PreparedSubscription | GraphQLError {
  const selectionSet = context.field.selectionSet;
  const receiptQuery =
    selectionSet &&
    ReceiptQuery.plan({
      schema: context.schema,
      selectionSet,
      fragments: context.fragments,
      variableDefinitions: context.operation.variableDefinitions ?? [],
      variables: context.variables,
    });
  if (!receiptQuery)
    return badRequest('ingestionProgress needs ingestionReceipt(id:) in the schema.');

  const fetchReceipts = async (ids: readonly string[]): Promise<Completion[]> => {
    try {
      const result = await services.execute(
        receiptQuery.document(ids.length),
        receiptQuery.variables(ids),
        context.principal,
      );
      return receiptQuery.completions(result, ids);
    } catch (error) {
      services.logger.error({ err: error }, 'completing receipt progress failed');
      return ids.map(() => ({ value: null, errors: [FAILED] }));
    }
  };

  return {
    start: () => {
      const lease = services.loaders.lease<string, Completion>(
        `${identityKey(context.principal)}\n${receiptQuery.signature}`,
        fetchReceipts,
      );
      const stream = eventStream(services, context);
      const complete = async (
        progress: ReceiptProgress | undefined,
      ): Promise<EventRoot | undefined> => {
        const completion =
          progress && !receiptQuery.needsQueryPerEvent
            ? { value: {}, errors: [] }
            : await lease.load(receiptId);
        // No such receipt (yet): nothing to say until a progress message comes.
        if (!progress && completion.value === null) return undefined;
        const status =
          progress?.status ?? (completion.value as { status?: unknown } | null)?.status;
        if (typeof status === 'string' && TERMINAL_RECEIPT_STATUSES.has(status)) stream.end();
        const errors = completion.errors.map((error) => ({
          ...error,
          path: [context.rootKey, ...(error.path ?? [])],
        }));
        return new EventRoot(new ReceiptValue(progress, completion), errors);
      };
      const unsubscribe = services.hub.onReceipt(receiptId, (progress) => {
        if (!context.connection.overloaded()) stream.push(complete(progress));
      });
      // Where the receipt stands now, so a client that subscribes late still hears the end.
      stream.push(complete(undefined));
      stream.onClose(() => {
        unsubscribe();
        lease.release();
      });
      return executeEach(stream, context);
    },
  };
}
