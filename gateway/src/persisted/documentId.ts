/** The parameters of one GraphQL-over-HTTP operation, as far as persisted documents go. */
export interface OperationParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** The id a client names a document by: the persisted-documents `documentId`, or APQ's hash. */
export function documentIdOf(params: OperationParams): string | undefined {
  if (typeof params.documentId === 'string') return params.documentId;
  const extensions = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const hash = extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}
