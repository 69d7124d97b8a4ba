export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    locations?: unknown;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: GraphQLBody;
}

export interface RequestOptions {
  token?: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  accept?: string;
  extensions?: Record<string, unknown>;
}

/** POSTs one operation as a GraphQL-over-HTTP client would, and reads the answer whatever its status. */
export async function graphql(
  url: string,
  query: string | undefined,
  options: RequestOptions = {},
): Promise<GraphQLAnswer> {
  return send(
    url,
    { query, variables: options.variables, extensions: options.extensions },
    options,
  );
}

export async function send(
  url: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: options.accept ?? 'application/graphql-response+json, application/json',
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as GraphQLBody,
  };
}

/** The first error's code, or 'ok' when there is none. */
export function outcome(answer: GraphQLAnswer): string {
  const code = answer.body.errors?.[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : 'ok';
}
