import { randomUUID } from 'node:crypto';
import type { Context as TraceContext } from '@opentelemetry/api';
import { traceContextOf } from '@memgate/platform/tracing';
import type { Response } from 'express';
import type { Transport } from './operations/operationGuard.js';
import { principalOf, type Principal } from './security/principal.js';

/**
 * What every GraphQL operation carries through the gateway: plugins read it
 * and subgraph data sources forward parts of it (the request id, and the
 * caller as a gateway-signed identity).
 */
export interface GatewayContext {
  /** From `x-request-id` or generated; echoed to the client and sent to subgraphs. */
  readonly requestId: string;
  readonly principal: Principal;
  readonly transport: Transport;
  /** Operations the gateway runs itself to complete subscription events. */
  readonly derived: boolean;
  /**
   * The trace this operation belongs to (the gateway's server span), carried
   * explicitly: the gateway runs without an async context unless it exports
   * spans (see createGateway), and even with one, body parsing can run
   * outside the request's, so the active context is not reliable by the time
   * subgraphs are called.
   */
  readonly traceContext?: TraceContext | undefined;
}

const OPERATION_STARTED = 'graphqlOperationStarted';

/**
 * Whether Apollo Server built a context for this exchange, i.e. ran at least
 * one operation through its plugins (which then recorded it). A response
 * without one was refused before: by a middleware (401, 413, 429…) or by
 * Apollo's own request checks (CSRF, a malformed request).
 */
export function operationStarted(res: Response): boolean {
  return res.locals[OPERATION_STARTED] === true;
}

/** Builds the context of one operation from its HTTP exchange. */
export function createContext({ res }: { res: Response }): Promise<GatewayContext> {
  // assignRequestId of @memgate/platform/http put the id there; never leave it blank.
  const id: unknown = res.locals['requestId'];
  res.locals[OPERATION_STARTED] = true;
  return Promise.resolve({
    requestId: typeof id === 'string' ? id : randomUUID(),
    principal: principalOf(res.locals),
    transport: 'http',
    derived: false,
    traceContext: traceContextOf(res),
  });
}
