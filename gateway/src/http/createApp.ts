import express, { type Express, type RequestHandler } from 'express';
import { MemgateError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import { errorHandler } from './errorHandler.js';
import type { Readiness } from './readiness.js';
import { assignRequestId } from './requestId.js';

export const GRAPHQL_PATH = '/graphql';

export interface AppOptions {
  readiness: Readiness;
  maxBodyBytes: number;
  /** Send browsers that open `/` to the Sandbox served at GRAPHQL_PATH. */
  landingPageAtRoot: boolean;
  /** The Apollo middleware, which only exists once Apollo Server has started. */
  graphqlHandler: () => RequestHandler | undefined;
  logger: Logger;
}

/**
 * The HTTP surface of the gateway: probes, the GraphQL endpoint and uniform
 * JSON errors. It does not listen; `createGateway` owns the server.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(assignRequestId);

  // Liveness: the process answers. Nothing else is checked, so that a
  // restart is never triggered by a dependency being down.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    const check = options.readiness.check();
    if (check.ready) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable', reason: check.reason });
  });

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
    express.json({ limit: options.maxBodyBytes }),
    ensureBody,
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

  app.use((_req, res) => {
    const error = new MemgateError('NOT_FOUND', 'No such route.');
    res.status(error.httpStatus).json(error.toJSON());
  });
  app.use(errorHandler({ maxBodyBytes: options.maxBodyBytes, logger: options.logger }));
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
