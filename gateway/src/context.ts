import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/**
 * What every GraphQL operation carries through the gateway: plugins read it
 * and subgraph data sources forward parts of it. Later slices add the caller's
 * identity and roles here.
 */
export interface GatewayContext {
  /** From `x-request-id` or generated; echoed to the client and sent to subgraphs. */
  readonly requestId: string;
}

/** Builds the context of one operation from its HTTP exchange. */
export function createContext({ res }: { res: Response }): Promise<GatewayContext> {
  // assignRequestId of @memgate/platform/http put the id there; never leave it blank.
  const id: unknown = res.locals['requestId'];
  return Promise.resolve({ requestId: typeof id === 'string' ? id : randomUUID() });
}
