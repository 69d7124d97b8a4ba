import { execute, GraphQLError, type ExecutionResult } from 'graphql';
import { EventStream } from './eventStream.js';
import { eventFieldResolver, type EventRoot } from './eventValues.js';
import { shapingSchema } from './shapingSchema.js';
import type { SubscriptionContext, SubscriptionServices } from './subscriptionTypes.js';

/** The bounded event queue of one subscription; overflowing it drops the client. */
export function eventStream(
  services: SubscriptionServices,
  context: SubscriptionContext,
): EventStream<EventRoot | undefined> {
  const max = services.maxPendingEvents;
  return new EventStream<EventRoot | undefined>(max, () =>
    context.connection.tooSlow(`more than ${max} events waiting for one subscription`),
  );
}

/**
 * The results the client receives, one per event, shaped by executing the
 * subscription document against the event with graphql-js, so aliases,
 * fragments, directives and abstract types behave as in any execution.
 * Not an async generator: its `return()` must end an idle subscription at
 * once, not after the next event arrives.
 */
export function executeEach(
  stream: EventStream<EventRoot | undefined>,
  context: SubscriptionContext,
): AsyncIterableIterator<ExecutionResult> {
  const run = async (root: EventRoot): Promise<ExecutionResult> => {
    const result = await execute({
      schema: shapingSchema(context.schema),
      document: context.document,
      operationName: context.operation.name?.value,
      variableValues: context.variables,
      rootValue: root,
      fieldResolver: eventFieldResolver,
    });
    if (root.errors.length === 0) return result;
    const errors = root.errors.map(
      (error) =>
        new GraphQLError(error.message, { path: error.path, extensions: error.extensions }),
    );
    return { ...result, errors: [...(result.errors ?? []), ...errors] };
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      for (;;) {
        const event = await stream.next();
        if (event.done) return { done: true, value: undefined };
        if (event.value) return { done: false, value: await run(event.value) };
      }
    },
    return: async () => {
      await stream.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
