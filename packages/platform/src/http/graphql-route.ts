import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { MemgateError } from '../errors/index.js';
import type { Logger } from '../logging/index.js';
import { traceRequest, type Tracer } from '../tracing/index.js';
import { readJsonBody } from './json-body.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { requestTarget } from './request-target.js';

/** A handler on Node's own request and response: what `listen` routes before express. */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** An answer that ends a request before its body is read (a refused caller). */
export interface HttpRefusal {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Checks a caller from the request headers alone: the refusal to answer, or undefined to go on. */
export type CallerCheck = (headers: IncomingHttpHeaders) => Promise<HttpRefusal | undefined>;

export interface GraphQLRouteOptions<TContext extends BaseContext> {
  /** Started before the first request. */
  readonly apollo: ApolloServer<TContext>;
  readonly context: () => Promise<TContext>;
  readonly maxBodyBytes: number;
  /**
   * Checks the caller from the headers alone, before a byte of the body is
   * read: a stranger must not make the service buffer and parse a body.
   */
  readonly admit?: CallerCheck;
  readonly tracer?: Tracer;
  readonly logger: Logger;
}

/**
 * A subgraph's GraphQL endpoint on Node's HTTP server, without express: the
 * request id, the server span, the caller check, the JSON body and Apollo
 * Server's own HTTP handling (GET and POST, CSRF prevention, status codes).
 * Every request of a subgraph goes through here, so it keeps to what a
 * GraphQL request needs; express's router and middleware chain cost more
 * per request than the compiled Cypher does (bench: `query`).
 */
export function graphqlRoute<TContext extends BaseContext>(
  options: GraphQLRouteOptions<TContext>,
): RawHandler {
  const { tracer, logger } = options;
  return (req, res) => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, search } = requestTarget(req);
    traceRequest(tracer, { method, path, headers: req.headers, requestId }, res, () => {
      answer(options, req, res, { method, search }).catch((error: unknown) => {
        const known = error instanceof MemgateError ? error : undefined;
        if (!known) logger.error({ err: error, requestId, path }, 'request failed');
        sendError(
          req,
          res,
          known ?? new MemgateError('INTERNAL_SERVER_ERROR', 'Internal server error.'),
        );
      });
    });
  };
}

async function answer<TContext extends BaseContext>(
  options: GraphQLRouteOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  { method, search }: { method: string; search: string },
): Promise<void> {
  const refusal = await options.admit?.(req.headers);
  if (refusal) {
    sendJson(res, refusal.status, refusal.body, { ...refusal.headers, ...closeIfUnread(req) });
    return;
  }
  const body = method === 'POST' ? await readJsonBody(req, options.maxBodyBytes) : undefined;
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search, body },
    context: options.context,
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function sendError(req: IncomingMessage, res: ServerResponse, error: MemgateError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.httpStatus, error.toJSON(), closeIfUnread(req));
}

/**
 * A body left unread (a refused caller's, or one over the limit) is not
 * worth receiving: Node would read it to the end to keep the connection.
 * Closing it instead ends the upload; a request without a body keeps its
 * connection.
 */
function closeIfUnread(req: IncomingMessage): Record<string, string> {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  return hasBody && !req.readableEnded ? { connection: 'close' } : {};
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
