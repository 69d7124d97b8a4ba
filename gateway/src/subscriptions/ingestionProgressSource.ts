import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Principal } from '../security/principal.js';
import { callerKey } from './callerKey.js';
import type { ReceiptSubscriber } from './changeHub.js';
import { TERMINAL_RECEIPT_STATUSES, type ReceiptProgress } from './changeMessages.js';
import type { Completion } from './derivedResult.js';
import { EventStream, type StreamOwner } from './eventStream.js';
import { EventRoot, ReceiptValue } from './eventValues.js';
import { EventShaper } from './executeEvents.js';
import { ReceiptQuery } from './receiptQuery.js';
import type { LoaderLease } from './sharedLoaders.js';
import {
  badRequest,
  type ConnectionControl,
  type PreparedSubscription,
  type SubscriptionContext,
  type SubscriptionPlan,
  type SubscriptionServices,
  tooManyEventsWaiting,
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
): SubscriptionPlan | GraphQLError {
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
  return new ReceiptPlan(services, {
    receiptId,
    receiptQuery,
    rootKey: context.rootKey,
    shaper: new EventShaper(context),
  });
}

interface ReceiptParts {
  readonly receiptId: string;
  readonly receiptQuery: ReceiptQuery;
  readonly rootKey: string;
  readonly shaper: EventShaper;
}

/** What an `ingestionProgress` subscription plans: planned for each, not shared (one receipt each). */
class ReceiptPlan implements SubscriptionPlan {
  readonly shared = false;

  constructor(
    readonly services: SubscriptionServices,
    readonly parts: ReceiptParts,
  ) {}

  subscribe(principal: Principal, connection: ConnectionControl): PreparedSubscription {
    return new ReceiptSubscription(this, principal, connection);
  }

  lease(principal: Principal): LoaderLease<string, Completion> {
    const { receiptQuery } = this.parts;
    return this.services.loaders.lease(
      `${callerKey(principal)}\n${receiptQuery.signature}`,
      (ids: readonly string[]) => this.fetchReceipts(ids, principal),
    );
  }

  private async fetchReceipts(ids: readonly string[], principal: Principal): Promise<Completion[]> {
    const { receiptQuery } = this.parts;
    try {
      const result = await this.services.execute(
        receiptQuery.document(ids.length),
        receiptQuery.variables(ids),
        principal,
      );
      return receiptQuery.completions(result, ids);
    } catch (error) {
      this.services.logger.error({ err: error }, 'completing receipt progress failed');
      return ids.map(() => ({ value: null, errors: [FAILED] }));
    }
  }
}

/** One subscriber to a receipt: its own hub subscriber and stream owner, with no closures. */
class ReceiptSubscription implements PreparedSubscription, ReceiptSubscriber, StreamOwner {
  readonly receiptId: string;
  private readonly stream: EventStream<ExecutionResult>;
  private lease: LoaderLease<string, Completion> | undefined;

  constructor(
    private readonly plan: ReceiptPlan,
    private readonly principal: Principal,
    private readonly connection: ConnectionControl,
  ) {
    this.receiptId = plan.parts.receiptId;
    this.stream = new EventStream(plan.services.maxPendingEvents, this);
  }

  start(): AsyncIterableIterator<ExecutionResult> {
    this.lease = this.plan.lease(this.principal);
    this.plan.services.hub.addReceiptSubscriber(this);
    // Where the receipt stands now, so a client that subscribes late still hears the end.
    this.stream.push(this.complete(this.lease, undefined));
    return this.stream;
  }

  onReceipt(progress: ReceiptProgress): void {
    if (!this.lease || this.connection.overloaded()) return;
    this.stream.push(this.complete(this.lease, progress));
    // After the push: the terminal event itself must still go out.
    if (TERMINAL_RECEIPT_STATUSES.has(progress.status)) this.stream.end();
  }

  overflowed(): void {
    tooManyEventsWaiting(this.connection, this.plan.services.maxPendingEvents);
  }

  closed(): void {
    this.plan.services.hub.removeReceiptSubscriber(this);
    this.lease?.release();
  }

  private async complete(
    lease: LoaderLease<string, Completion>,
    progress: ReceiptProgress | undefined,
  ): Promise<ExecutionResult | undefined> {
    const { receiptQuery, rootKey, shaper } = this.plan.parts;
    const completion =
      progress && !receiptQuery.needsQueryPerEvent
        ? { value: {}, errors: [] }
        : await lease.load(this.receiptId);
    if (!progress) {
      // No such receipt (yet): nothing to say until a progress message comes.
      if (completion.value === null) return undefined;
      // Already settled when the client subscribed: this snapshot is the last event.
      const status = (completion.value as { status?: unknown }).status;
      if (typeof status === 'string' && TERMINAL_RECEIPT_STATUSES.has(status)) this.stream.end();
    }
    const errors = completion.errors.map((error) => ({
      ...error,
      path: [rootKey, ...(error.path ?? [])],
    }));
    return shaper.shape(new EventRoot(new ReceiptValue(progress, completion), errors));
  }
}
