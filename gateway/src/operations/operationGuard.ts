import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Principal } from '../security/principal.js';

export type Transport = 'http' | 'websocket';

/**
 * One operation about to run, whichever transport brought it. Guards see
 * the same thing over HTTP and over WebSocket, so a rule cannot hold on one
 * and not the other.
 */
export interface OperationRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Coerced against the operation's variable definitions. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly principal: Principal;
  readonly transport: Transport;
  /**
   * Operations the gateway derives itself to complete subscription events.
   * The subscription they serve was checked when it started; only guards
   * that depend on the data itself (authorization) run again.
   */
  readonly derived: boolean;
}

/**
 * A check before execution. It rejects the operation by returning the
 * error to answer with (carrying `extensions.code` and `extensions.http`).
 */
export type OperationGuard = (request: OperationRequest) => Promise<GraphQLError | undefined>;

/** Runs guards in order; the first rejection wins, so authentication is reported before authorization. */
export async function runGuards(
  guards: readonly OperationGuard[],
  request: OperationRequest,
): Promise<GraphQLError | undefined> {
  for (const guard of guards) {
    const rejection = await guard(request);
    if (rejection) return rejection;
  }
  return undefined;
}
