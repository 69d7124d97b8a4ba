import type { GraphModel } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import {
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Principal } from '../security/principal.js';
import type { ChangeHub } from './changeHub.js';
import type { DerivedResult } from './derivedResult.js';
import type { Fragments } from './selections.js';
import type { SharedLoaders } from './sharedLoaders.js';
import type { SubscriptionPlans } from './subscriptionPlans.js';

/** Runs a derived query through the gateway's own executor, as the caller. */
export type DerivedExecutor = (
  document: DocumentNode,
  variables: Record<string, unknown>,
  principal: Principal,
) => Promise<DerivedResult>;

/** What a subscription may do to the connection it runs on. */
export interface ConnectionControl {
  /** True (and the connection is being closed) when the client does not keep up. */
  overloaded(): boolean;
  tooSlow(reason: string): void;
}

/** What every subscription of a gateway shares. */
export interface SubscriptionServices {
  readonly hub: ChangeHub;
  readonly loaders: SharedLoaders;
  readonly plans: SubscriptionPlans<SubscriptionPlan>;
  readonly execute: DerivedExecutor;
  readonly model: () => GraphModel;
  readonly maxPendingEvents: number;
  readonly logger: Logger;
}

/** A subscription operation that passed parsing, validation and the guards, whoever sent it. */
export interface SubscriptionOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The operation, and who subscribes with it over which connection. */
export interface SubscriptionRequest extends SubscriptionOperation {
  readonly principal: Principal;
  readonly connection: ConnectionControl;
}

/** The operation with its root field found. */
export interface SubscriptionContext extends SubscriptionOperation {
  readonly fragments: Fragments;
  readonly field: FieldNode;
  /** The root field's response key: where completion errors are re-rooted. */
  readonly rootKey: string;
}

/**
 * What subscriptions with the same operation and variables share: all
 * that can be worked out from the operation alone, made once. Immutable;
 * whatever belongs to one subscriber lives in what `subscribe` returns.
 */
export interface SubscriptionPlan {
  /**
   * Whether alike subscriptions are handed this plan (see SubscriptionPlans).
   * A receipt's plan names its receipt: alike only for watchers of that one
   * receipt, and one kept per receipt would push the widely shared plans
   * out of the bounded cache.
   */
  readonly shared: boolean;
  subscribe(principal: Principal, connection: ConnectionControl): PreparedSubscription;
}

/** A subscription that can start streaming. */
export interface PreparedSubscription {
  start(): AsyncIterableIterator<ExecutionResult>;
}

/** Drops a client whose subscription has more than `max` events waiting to go out. */
export function tooManyEventsWaiting(connection: ConnectionControl, max: number): void {
  connection.tooSlow(`more than ${max} events waiting for one subscription`);
}

export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
