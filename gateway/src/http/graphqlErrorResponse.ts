import type { Request, Response } from 'express';

export interface HttpGraphQLError {
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>> & { readonly code: string };
}

/**
 * Answers a GraphQL request that is refused before Apollo Server sees it
 * (401, 429, a batch too large…) in the GraphQL-over-HTTP shape: an
 * `errors` list with codes, as `application/graphql-response+json` when the
 * client accepts it and `application/json` otherwise, as Apollo does.
 */
export function sendGraphQLErrors(
  req: Request,
  res: Response,
  status: number,
  errors: readonly HttpGraphQLError[],
  headers: Readonly<Record<string, string>> = {},
): void {
  const type =
    req.accepts(['application/json', 'application/graphql-response+json']) || 'application/json';
  res.status(status).set(headers).type(`${type}; charset=utf-8`).send(JSON.stringify({ errors }));
}
