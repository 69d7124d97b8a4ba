/** A minimal GraphQL-over-HTTP client for scripts and end-to-end tests. */
export interface GraphQLResponse<T> {
  readonly data?: T;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Like postGraphQL, but any GraphQL error is thrown with its code. */
export async function queryGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await postGraphQL<T>(url, query, variables);
  if (result.errors?.length) {
    const first = result.errors[0];
    const code = first?.extensions?.['code'];
    throw new Error(
      `${typeof code === 'string' ? code : 'ERROR'}: ${first?.message ?? 'unknown error'}`,
    );
  }
  if (result.data === undefined) throw new Error('the response has no data');
  return result.data;
}
