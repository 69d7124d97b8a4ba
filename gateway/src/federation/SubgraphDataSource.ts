import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import type { GatewayContext } from '../context.js';
import { INTERNAL_IDENTITY_HEADER } from '@memgate/platform/identity';
import { ANONYMOUS } from '../security/principal.js';
import type { IdentityForwarder } from './identityForwarder.js';
import type { Fetcher } from './subgraphFetcher.js';
import {
  subgraphUnavailable,
  toSubgraphResponseError,
  unavailableReason,
} from './subgraphUnavailable.js';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph. */
  name: string;
  url: string;
  fetch: Fetcher;
  logger: Logger;
  /** Signs the caller's identity for this subgraph; absent, no identity header is sent. */
  forwardIdentity?: IdentityForwarder | undefined;
}

/**
 * How the gateway talks to one subgraph: over the gateway's shared
 * keep-alive pool, forwarding the request id and the caller's identity (as
 * a token the gateway signs, never the client's own token), and answering
 * for a subgraph that is down with a SUBGRAPH_UNAVAILABLE error instead of
 * failing the whole operation.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly logger: Logger;
  private readonly forwardIdentity: IdentityForwarder | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    // The base constructor Object.assign()s its argument; pass only its own fields.
    super({ url: options.url });
    this.fetcher = options.fetch;
    this.name = options.name;
    this.logger = options.logger;
    this.forwardIdentity = options.forwardIdentity;
  }

  override async willSendRequest(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Health checks and schema fetches have no incoming request: they go out as anonymous.
    const incoming = 'incomingRequestContext' in options;
    if (incoming) headers.set(REQUEST_ID_HEADER, options.context.requestId);
    if (this.forwardIdentity) {
      const principal = incoming ? options.context.principal : ANONYMOUS;
      headers.set(INTERNAL_IDENTITY_HEADER, await this.forwardIdentity(principal, this.name));
    }
  }

  /**
   * A failed fetch is *returned* as an error of this subgraph's response
   * rather than thrown, so @apollo/gateway handles it like any error a
   * subgraph reports (tagged with `serviceName`, code kept) instead of as an
   * unexpected exception. Either way the fields this fetch was to fill stay
   * null and what the other fetches of the query plan returned is kept.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const reason = unavailableReason(error);
      // Health checks must keep throwing: that is how the gateway learns a check failed.
      if (reason === undefined || !('incomingRequestContext' in options)) throw error;
      const failure = subgraphUnavailable(this.name, reason, error);
      this.logger.warn(
        {
          err: error,
          subgraph: this.name,
          url: this.url,
          reason,
          requestId: options.context.requestId,
        },
        failure.message,
      );
      return { errors: [toSubgraphResponseError(failure)] };
    }
  }
}
