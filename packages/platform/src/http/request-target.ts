import type { IncomingMessage } from 'node:http';

/** A request's path and its query string (with the `?`, or empty), split once. */
export function requestTarget(req: IncomingMessage): { path: string; search: string } {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1
    ? { path: url, search: '' }
    : { path: url.slice(0, query), search: url.slice(query) };
}
