import type { Request, RequestHandler } from 'express';
import { sendGraphQLErrors } from '../http/graphqlErrorResponse.js';
import { documentIdOf, type OperationParams } from '../persisted/documentId.js';
import type { TrustedDocuments, TrustedLookup } from '../persisted/trustedDocuments.js';

/**
 * Allowlist mode: every operation of the request must be a trusted
 * document. A request naming a document by id gets its text filled in (and
 * its APQ extension removed, so APQ neither answers nor registers anything);
 * a request with text must match a trusted document exactly.
 */
export function useTrustedDocuments(options: { documents: TrustedDocuments }): RequestHandler {
  const resolve = (params: OperationParams): TrustedLookup => {
    const lookup = options.documents.lookup({
      id: documentIdOf(params),
      query: typeof params.query === 'string' ? params.query : undefined,
    });
    if (lookup.trusted) {
      params.query = lookup.query;
      delete params.documentId;
      if (typeof params.extensions === 'object' && params.extensions !== null) {
        delete (params.extensions as { persistedQuery?: unknown }).persistedQuery;
      }
    }
    return lookup;
  };

  return (req, res, next) => {
    const refusal = req.method === 'GET' ? resolveGet(req, resolve) : resolveBody(req, resolve);
    if (!refusal || refusal.trusted) {
      next();
      return;
    }
    sendGraphQLErrors(req, res, refusal.status, [
      { message: refusal.message, extensions: { code: refusal.code } },
    ]);
  };
}

type Resolve = (params: OperationParams) => TrustedLookup;

function resolveBody(req: Request, resolve: Resolve): TrustedLookup | undefined {
  const body: unknown = req.body;
  const operations = Array.isArray(body) ? body : [body];
  for (const operation of operations) {
    if (typeof operation !== 'object' || operation === null) continue;
    const lookup = resolve(operation as OperationParams);
    if (!lookup.trusted) return lookup;
  }
  return undefined;
}

/** GET carries the operation in the query string, which Apollo reads from `req.url`. */
function resolveGet(req: Request, resolve: Resolve): TrustedLookup | undefined {
  const [path, search = ''] = req.url.split('?', 2);
  const params = new URLSearchParams(search);
  const operation: OperationParams = {
    query: params.get('query') ?? undefined,
    documentId: params.get('documentId') ?? undefined,
    extensions: parseJson(params.get('extensions')),
  };
  if (operation.query === undefined && documentIdOf(operation) === undefined) return undefined;
  const lookup = resolve(operation);
  if (!lookup.trusted) return lookup;
  params.set('query', lookup.query);
  params.delete('documentId');
  if (operation.extensions === undefined) params.delete('extensions');
  else params.set('extensions', JSON.stringify(operation.extensions));
  req.url = `${path ?? ''}?${params.toString()}`;
  return lookup;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Apollo answers a malformed `extensions` itself.
    return undefined;
  }
}
