import { randomUUID } from 'node:crypto';
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
}

/** Builds the context of one operation from its HTTP exchange. */
export function createContext({ res }: { res: Response }): Promise<GatewayContext> {
  // assignRequestId of @memgate/platform/http put the id there; never leave it blank.
  const id: unknown = res.locals['requestId'];
  return Promise.resolve({
    requestId: typeof id === 'string' ? id : randomUUID(),
    principal: principalOf(res.locals),
    transport: 'http',
    derived: false,
  });
}
