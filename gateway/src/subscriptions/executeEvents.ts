import { execute, GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import { identityKey } from '../federation/identityForwarder.js';
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

/** Shaped results by feed message, then by subscriber kind; they go with the message. */
const shaped = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * What makes two subscriptions' results for one event equal: the same
 * document (one object per query text, from the document cache), operation,
 * variables and caller as subgraphs see it (whose node completions they
 * share). Fan-out to many alike subscribers then shapes each event once.
 */
function subscriberKind(context: SubscriptionContext): string {
  let id = documentIds.get(context.document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(context.document, id);
  }
  return [
    id,
    context.operation.name?.value ?? '',
    JSON.stringify(context.variables),
    identityKey(context.principal),
  ].join('\n');
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
  const kind = subscriberKind(context);
  const sharedRun = (root: EventRoot): Promise<ExecutionResult> => {
    if (!root.message) return run(root);
    let results = shaped.get(root.message);
    if (!results) {
      results = new Map();
      shaped.set(root.message, results);
    }
    let result = results.get(kind);
    if (!result) {
      result = run(root);
      results.set(kind, result);
    }
    return result;
  };
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
        if (event.value) return { done: false, value: await sharedRun(event.value) };
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
