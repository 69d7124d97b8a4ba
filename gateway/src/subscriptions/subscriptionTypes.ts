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
  readonly execute: DerivedExecutor;
  readonly model: () => GraphModel;
  readonly maxPendingEvents: number;
  readonly logger: Logger;
}

/** A subscription operation that passed parsing, validation and the guards. */
export interface SubscriptionRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly principal: Principal;
  readonly connection: ConnectionControl;
}

/** The request with its root field found. */
export interface SubscriptionContext extends SubscriptionRequest {
  readonly fragments: Fragments;
  readonly field: FieldNode;
  /** The root field's response key: where completion errors are re-rooted. */
  readonly rootKey: string;
}

/** A subscription that can start streaming. */
export interface PreparedSubscription {
  start(): AsyncIterableIterator<ExecutionResult>;
}

export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
