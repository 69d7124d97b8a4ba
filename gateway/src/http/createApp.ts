import { createServiceApp, type ReadinessCheck } from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import type { Tracer } from '@memgate/platform/tracing';
import express, { type Express, type RequestHandler } from 'express';

export const GRAPHQL_PATH = '/graphql';

export interface AppOptions {
  /** What /readyz checks. */
  readiness: readonly ReadinessCheck[];
  /** Serves /metrics. */
  metrics: { readonly handler: RequestHandler };
  /** Continues the caller's trace (or starts one) in a server span per request. */
  tracer: Tracer;
  /** Whether the span and request id follow awaits; operations carry them explicitly either way. */
  asyncContext: boolean;
  maxBodyBytes: number;
  /** Send browsers that open `/` to the Sandbox served at GRAPHQL_PATH. */
  landingPageAtRoot: boolean;
  /** The Apollo middleware, which only exists once Apollo Server has started. */
  graphqlHandler: () => RequestHandler | undefined;
  /** Run on the GraphQL path before the body is read (CORS answers preflights there). */
  beforeBody: readonly RequestHandler[];
  /** Run on the GraphQL path once the body is parsed, before Apollo (auth, limits…). */
  afterBody: readonly RequestHandler[];
  /** Proxies whose X-Forwarded-For tells the client address (`req.ip`). */
  trustProxyHops: number;
  logger: Logger;
}

/**
 * The HTTP surface of the gateway: the shell every Memgate service shares
 * (request ids, traces, /healthz, /readyz, /metrics, JSON 404 and error
 * bodies, 413 for a body over the limit) around the GraphQL endpoint. It does not listen;
 * `createGateway` owns the server.
 */
export function createApp(options: AppOptions): Express {
  const { app, finish } = createServiceApp({
    logger: options.logger,
    readiness: options.readiness,
    metrics: options.metrics,
    tracer: options.tracer,
    asyncContext: options.asyncContext,
  });
  if (options.trustProxyHops > 0) app.set('trust proxy', options.trustProxyHops);

  if (options.landingPageAtRoot) {
    // Sandbox takes its endpoint from the page's own URL, so it is served at
    // the endpoint itself and `/` points there.
    app.get('/', (req, res, next) => {
      if (req.accepts('html') === 'html') res.redirect(302, GRAPHQL_PATH);
      else next();
    });
  }

  app.use(
    GRAPHQL_PATH,
    ...options.beforeBody,
    express.json({ limit: options.maxBodyBytes }),
    ensureBody,
    ...options.afterBody,
    (req, res, next) => {
      const handler = options.graphqlHandler();
      if (handler) {
        handler(req, res, next);
        return;
      }
      // Only reachable when `app` is mounted somewhere before `start()`.
      res.status(503).json({ status: 'unavailable', reason: 'the gateway has not started' });
    },
  );

  finish();
  return app;
}

/**
 * express.json() leaves `req.body` unset for bodies that are not JSON, and
 * the Apollo middleware then answers 500. An explicit `undefined` lets Apollo
 * reject such a request itself, with its CSRF or bad-request message.
 */
const ensureBody: RequestHandler = (req, _res, next) => {
  if (!('body' in req)) (req as { body?: unknown }).body = undefined;
  next();
};
