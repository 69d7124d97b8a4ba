import type { RequestHandler } from 'express';

/** Apollo Studio's Explorer runs on this origin and calls the gateway from the browser. */
export const APOLLO_STUDIO_ORIGIN = 'https://studio.apollographql.com';

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
];
const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'www-authenticate'];

export interface CorsOptions {
  /** Exact origins (scheme://host[:port]); `*` allows any origin. */
  origins: readonly string[];
}

/**
 * CORS for the GraphQL endpoint. Apollo's CSRF prevention makes every
 * request a browser could send cross-site without asking need a preflight;
 * this decides which origins pass that preflight. Unknown origins get no
 * CORS headers, so the browser withholds the answer. No credentials mode:
 * the gateway authenticates with bearer tokens, not cookies.
 */
export function useCors(options: CorsOptions): RequestHandler {
  const anyOrigin = options.origins.includes('*');
  const allowed = new Set(options.origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin === undefined || !(anyOrigin || allowed.has(origin))) {
      next();
      return;
    }
    res.set('access-control-allow-origin', anyOrigin ? '*' : origin);
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res
        .status(204)
        .set({
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
          'access-control-max-age': '600',
        })
        .end();
      return;
    }
    res.set('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
    next();
  };
}
