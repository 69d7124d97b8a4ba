import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@memgate/platform/http';
import { INTERNAL_IDENTITY_HEADER } from '@memgate/platform/identity';
import { traceFieldsOf, type Logger } from '@memgate/platform/logging';
import { secondsSince, type SubgraphMetrics } from '@memgate/platform/metrics';
import { injectHttpHeaders, type Tracer } from '@memgate/platform/tracing';
import { context, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { GatewayContext } from '../context.js';
import { ANONYMOUS } from '../security/principal.js';
import type { IdentityForwarder } from './identityForwarder.js';
import type { Fetcher } from './subgraphFetcher.js';
import {
  subgraphUnavailable,
  toSubgraphResponseError,
  unavailableReason,
} from './subgraphUnavailable.js';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetchOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

/**
 * The trace context of each fetch in flight (its client span), from
 * `process` to the `willSendRequest` it calls with the same options: handed
 * over explicitly rather than made current, as the gateway runs without an
 * async context (see createGateway).
 */
const fetchContexts = new WeakMap<FetchOptions, Context>();

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph. */
  name: string;
  url: string;
  fetch: Fetcher;
  logger: Logger;
  /** Signs the caller's identity for this subgraph; absent, no identity header is sent. */
  forwardIdentity?: IdentityForwarder | undefined;
  /** Records each fetch's latency and outcome under this subgraph's name. */
  metrics?: SubgraphMetrics | undefined;
  /** Makes a client span per fetch, whose context the subgraph continues (`traceparent`). */
  tracer?: Tracer | undefined;
}

/**
 * How the gateway talks to one subgraph: over the gateway's shared
 * keep-alive pool, forwarding the request id and the caller's identity (as
 * a token the gateway signs, never the client's own token) and the trace
 * context, answering for a subgraph that is down with a SUBGRAPH_UNAVAILABLE
 * error instead of failing the whole operation, and recording every fetch.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly logger: Logger;
  private readonly forwardIdentity: IdentityForwarder | undefined;
  private readonly metrics: SubgraphMetrics | undefined;
  private readonly tracer: Tracer | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    // The base constructor Object.assign()s its argument; pass only its own fields.
    super({ url: options.url });
    this.fetcher = options.fetch;
    this.name = options.name;
    this.logger = options.logger;
    this.forwardIdentity = options.forwardIdentity;
    this.metrics = options.metrics;
    this.tracer = options.tracer;
  }

  override async willSendRequest(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Health checks and schema fetches have no incoming request: they go out as anonymous.
    const incoming = 'incomingRequestContext' in options;
    if (incoming) {
      headers.set(REQUEST_ID_HEADER, options.context.requestId);
      const fetchContext = fetchContexts.get(options) ?? context.active();
      for (const [name, value] of Object.entries(injectHttpHeaders({}, fetchContext))) {
        headers.set(name, value);
      }
    }
    if (this.forwardIdentity) {
      const principal = incoming ? options.context.principal : ANONYMOUS;
      headers.set(INTERNAL_IDENTITY_HEADER, await this.forwardIdentity(principal, this.name));
    }
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    // Health checks and schema fetches are not the operations' fetches.
    if (!('incomingRequestContext' in options)) return super.process(options);
    const started = process.hrtime.bigint();
    const parent = options.context.traceContext ?? context.active();
    const span = this.tracer?.startSpan(
      `subgraph ${this.name}`,
      { kind: SpanKind.CLIENT, attributes: { 'memgate.subgraph': this.name } },
      parent,
    );
    fetchContexts.set(options, span ? trace.setSpan(parent, span) : parent);
    let outcome: 'success' | 'error' = 'success';
    try {
      return await super.process(options);
    } catch (error) {
      outcome = 'error';
      span?.setStatus({ code: SpanStatusCode.ERROR });
      return this.unavailable(error, options.context);
    } finally {
      this.metrics?.observe({ subgraph: this.name, outcome, seconds: secondsSince(started) });
      fetchContexts.delete(options);
      span?.end();
    }
  }

  /**
   * A failed fetch is *returned* as an error of this subgraph's response
   * rather than thrown, so @apollo/gateway handles it like any error a
   * subgraph reports (tagged with `serviceName`, code kept) instead of as an
   * unexpected exception. Either way the fields this fetch was to fill stay
   * null and what the other fetches of the query plan returned is kept.
   */
  private unavailable(error: unknown, operation: GatewayContext): SubgraphResponse {
    const reason = unavailableReason(error);
    if (reason === undefined) throw error;
    const failure = subgraphUnavailable(this.name, reason, error);
    this.logger.warn(
      {
        ...traceFieldsOf(operation.traceContext),
        err: error,
        subgraph: this.name,
        url: this.url,
        reason,
        requestId: operation.requestId,
      },
      failure.message,
    );
    return { errors: [toSubgraphResponseError(failure)] };
  }
}
