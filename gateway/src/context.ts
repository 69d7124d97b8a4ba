/**
 * What every GraphQL operation carries through the gateway: plugins read it
 * and subgraph data sources forward parts of it. Later slices add the caller's
 * identity and roles here.
 */
export interface GatewayContext {
  /** From `x-request-id` or generated; echoed to the client and sent to subgraphs. */
  readonly requestId: string;
}
