import type { IncomingMessage, Server } from 'node:http';
import type { FormatError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import { secondsSince, type GraphqlMetrics } from '@memgate/platform/metrics';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  specifiedRules,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import type { DocumentLimits } from '../limits/documentLimits.js';
import type { TokenBuckets } from '../limits/tokenBuckets.js';
import type { OperationGuard } from '../operations/operationGuard.js';
import { requestedOperationName } from '../plugins/useMetrics.js';
import type { TrustedDocuments } from '../persisted/trustedDocuments.js';
import { clientAddress, clientIdOf } from '../limits/clientId.js';
import type { AccessTokenVerifier } from '../security/accessTokenVerifier.js';
import { AuthenticationError, tokenRequired } from '../security/authenticationError.js';
import { bearerTokenOf } from '../security/bearerToken.js';
import { ANONYMOUS, type Principal } from '../security/principal.js';
import { admitOperation, type AdmissionOptions } from './admitOperation.js';
import { CLOSE, closeReason } from './closeCodes.js';
import { AcceptedConnection } from './acceptedConnection.js';
import { connectionAuthorization } from './connectionToken.js';
import { DocumentCache } from './documentCache.js';
import {
  GraphqlWebSocket,
  graphqlWsServerOptions,
  serveGraphqlWs,
  type GraphqlWebSocketServer,
} from './graphqlWsSockets.js';
import { prepareSubscription } from './subscriptionSources.js';
import type { PreparedSubscription, SubscriptionServices } from './subscriptionTypes.js';

/** Runs a query or mutation sent over the WebSocket through Apollo Server, as the caller. */
export type OperationRunner = (
  request: { query: string; variables: Record<string, unknown>; operationName: string | undefined },
  principal: Principal,
) => Promise<FormattedExecutionResult>;

export interface WebSocketServerOptions {
  httpServer: Server;
  path: string;
  /** The API schema being served, once a supergraph is loaded. */
  schema: () => GraphQLSchema | undefined;
  /** Absent when authentication is off. */
  verify: AccessTokenVerifier | undefined;
  /** Whether connections without a token are worth accepting (anonymous access is not `none`). */
  anonymousAllowed: boolean;
  clockSkewSeconds: number;
  guards: readonly OperationGuard[];
  documentLimits: DocumentLimits;
  introspection: boolean;
  trustedDocuments: TrustedDocuments | undefined;
  rateLimit: TokenBuckets | undefined;
  /** Absent when no change feed is configured (no Kafka brokers). */
  subscriptions: SubscriptionServices | undefined;
  runOperation: OperationRunner;
  formatError: FormatError;
  initTimeoutMs: number;
  keepAliveMs: number;
  maxPayloadBytes: number;
  maxBufferedBytes: number;
  maxSubscriptions: number;
  production: boolean;
  /** Proxies whose X-Forwarded-For tells the client address, as for HTTP. */
  trustProxyHops: number;
  /**
   * Records subscriptions started and operations refused at `subscribe`;
   * queries and mutations are recorded by Apollo Server, which runs them.
   */
  metrics: GraphqlMetrics | undefined;
  logger: Logger;
}

/**
 * A gateway connection's socket: graphql-ws hands it to every callback as
 * `ctx.extra`, so what is known of the connection once accepted lives on
 * it rather than in a map beside it.
 */
class GatewaySocket extends GraphqlWebSocket {
  session: AcceptedConnection | undefined = undefined;
}

/**
 * What onSubscribe hands to execution as the context value: a query or
 * mutation, run through Apollo Server as its caller, or a subscription,
 * prepared and started by itself (no wrapper kept per subscription).
 */
class WsQuery {
  constructor(
    readonly query: string,
    readonly principal: Principal,
  ) {}
}

export interface RunningWebSocketServer {
  /** Closes every connection (1001 Going Away) and stops accepting new ones. */
  close(): Promise<void>;
  readonly connections: number;
}

/**
 * graphql-ws on the GraphQL path, sharing the HTTP server: the same
 * authentication, guards, limits and allowlist as HTTP, applied at
 * `connection_init` and at every `subscribe`.
 */
export function startWebSocketServer(options: WebSocketServerOptions): RunningWebSocketServer {
  const sockets: GraphqlWebSocketServer<typeof GatewaySocket> = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.maxPayloadBytes,
    ...graphqlWsServerOptions(GatewaySocket),
  });
  const connectionLimits = {
    maxBufferedBytes: options.maxBufferedBytes,
    clockSkewSeconds: options.clockSkewSeconds,
  };
  const admission: AdmissionOptions = {
    schema: options.schema,
    trustedDocuments: options.trustedDocuments,
    documentLimits: options.documentLimits,
    guards: options.guards,
    documents: new DocumentCache(),
    validationRules: [
      ...specifiedRules,
      ...options.documentLimits.validationRules,
      // Apollo Server refuses introspection the same way when it is off.
      ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
  };
  const format = (error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError => {
    const formatted = options.formatError(
      error instanceof GraphQLError ? error.toJSON() : error,
      error,
    );
    const { http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  };

  const server = serveGraphqlWs(
    sockets,
    {
      onConnect: async (ctx) => {
        const socket = ctx.extra;
        const request = socket.upgradeRequest;
        if (!request) return false;
        const principal = await authenticate(options, ctx.connectionParams, request).catch(
          (error: unknown) => error,
        );
        if (!isPrincipal(principal)) {
          const known = principal instanceof AuthenticationError;
          if (!known) options.logger.error({ err: principal }, 'WebSocket authentication failed');
          const reason = known ? principal.description : 'Authentication failed.';
          socket.close(CLOSE.forbidden, closeReason(`Forbidden: ${reason}`));
          return false;
        }
        const clientId = clientIdOf(
          principal,
          clientAddress(
            request.socket.remoteAddress,
            request.headers['x-forwarded-for'],
            options.trustProxyHops,
          ),
        );
        socket.session = new AcceptedConnection(socket, principal, clientId, connectionLimits);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const started = process.hrtime.bigint();
        const admitted = await subscribe(options, admission, ctx.extra.session, {
          held: Object.keys(ctx.subscriptions).length,
          payload,
        });
        const args = 'schema' in admitted ? admitted : undefined;
        const refused = args === undefined;
        if (refused || isSubscription(args)) {
          options.metrics?.observe({
            operation: requestedOperationName(payload),
            type: refused ? 'unknown' : 'subscription',
            outcome: refused ? 'rejected' : 'success',
            seconds: secondsSince(started),
          });
        }
        return admitted;
      },
      // graphql-ws calls this for subscription operations only, whose context value is prepared.
      subscribe: (args: ExecutionArgs) =>
        isSubscription(args) ? args.contextValue.start() : { errors: [unavailable()] },
      execute: async (args: ExecutionArgs): Promise<ExecutionResult> => {
        if (!(args.contextValue instanceof WsQuery)) return { errors: [unavailable()] };
        const operation = args.contextValue;
        const result = await options.runOperation(
          {
            query: operation.query,
            variables: { ...args.variableValues },
            operationName: args.operationName ?? undefined,
          },
          operation.principal,
        );
        return { ...result, errors: result.errors?.map((error) => formattedAsError(error)) };
      },
      // Most results carry no errors: those go out as they are, with no copy per subscriber.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(format) } : result,
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onClose: (ctx) => {
        ctx.extra.session?.closed();
      },
    },
    {
      initTimeoutMs: options.initTimeoutMs,
      keepAliveMs: options.keepAliveMs,
      production: options.production,
      logger: options.logger,
    },
  );

  return {
    close: () => server.dispose(),
    get connections() {
      return sockets.clients.size;
    },
  };
}

/** Limits, then admission: what `subscribe` answers before anything runs. */
async function subscribe(
  options: WebSocketServerOptions,
  admission: AdmissionOptions,
  state: AcceptedConnection | undefined,
  request: { held: number; payload: SubscribePayload },
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  if (!state) return [new GraphQLError('The connection is not initialised.')];
  if (request.held > options.maxSubscriptions) {
    return [limited(`A connection may hold at most ${options.maxSubscriptions} subscriptions.`)];
  }
  const rate = options.rateLimit?.take(state.clientId);
  if (rate && !rate.admitted) {
    return [
      new GraphQLError(`Too many requests; retry in ${rate.retryAfterSeconds} s.`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: rate.retryAfterSeconds },
      }),
    ];
  }
  return prepareOperation(options, admission, state, request.payload);
}

async function authenticate(
  options: WebSocketServerOptions,
  params: Readonly<Record<string, unknown>> | undefined,
  request: IncomingMessage,
): Promise<Principal> {
  if (!options.verify) return ANONYMOUS;
  const token = bearerTokenOf(connectionAuthorization(params, request));
  if (token !== undefined) return options.verify(token);
  // Nothing an anonymous connection could run: refuse it at once.
  if (!options.anonymousAllowed) throw tokenRequired();
  return ANONYMOUS;
}

function isPrincipal(value: unknown): value is Principal {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

async function prepareOperation(
  options: WebSocketServerOptions,
  admission: AdmissionOptions,
  state: AcceptedConnection,
  payload: SubscribePayload,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  const admitted = await admitOperation(admission, state.principal, payload);
  if (!('operation' in admitted)) return admitted;
  let prepared: PreparedSubscription | undefined;
  if (admitted.operation.operation === OperationTypeNode.SUBSCRIPTION) {
    if (!options.subscriptions) return [unavailable()];
    const outcome = prepareSubscription(options.subscriptions, {
      ...admitted,
      principal: state.principal,
      connection: state,
    });
    if (outcome instanceof GraphQLError) return [outcome];
    prepared = outcome;
  }
  shareQueryText(payload, admitted.query);
  const context: PreparedSubscription | WsQuery =
    prepared ?? new WsQuery(admitted.query, state.principal);
  return {
    schema: admitted.schema,
    document: admitted.document,
    operationName: payload.operationName,
    variableValues: admitted.variables,
    contextValue: context,
    // Unused, but graphql-ws sets it when it is missing, and a property added
    // later takes a separate store, kept per operation for its whole life.
    rootValue: undefined,
  };
}

/**
 * graphql-ws keeps each subscribe message for the life of its operation.
 * Its query text equals the cached document's: pointing the message at the
 * cached string leaves alike subscriptions one copy of it between them
 * instead of one each.
 */
function shareQueryText(payload: SubscribePayload, query: string): void {
  if (payload.query === query) (payload as { query: string }).query = query;
}

/** Whether onSubscribe prepared a subscription (the context value of every other operation is a WsQuery). */
function isSubscription(
  args: ExecutionArgs,
): args is ExecutionArgs & { contextValue: PreparedSubscription } {
  return args.contextValue !== undefined && !(args.contextValue instanceof WsQuery);
}

function formattedAsError(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

function limited(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } });
}

function unavailable(): GraphQLError {
  return new GraphQLError(
    'Subscriptions are unavailable: no change feed is configured (KAFKA_BROKERS).',
    {
      extensions: { code: 'BROKER_UNAVAILABLE' },
    },
  );
}
