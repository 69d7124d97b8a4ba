import { MemgateError } from '@memgate/platform/errors';

/** One running subgraph to compose from: its name in the supergraph and its GraphQL URL. */
export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads MEMGATE_SUBGRAPHS entries, `name=url` each (`query=http://localhost:4001/graphql`).
 * Every problem is reported at once, naming the entry.
 */
export function parseSubgraphList(entries: readonly string[]): SubgraphEndpoint[] {
  const problems: string[] = [];
  const endpoints: SubgraphEndpoint[] = [];
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    const name = separator > 0 ? entry.slice(0, separator).trim() : '';
    const url = separator > 0 ? entry.slice(separator + 1).trim() : '';
    if (!NAME.test(name)) {
      problems.push(`"${entry}": expected name=url, with a GraphQL name`);
      continue;
    }
    if (!URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol)) {
      problems.push(`"${entry}": ${name}'s URL must be an http:// or https:// URL`);
      continue;
    }
    if (endpoints.some((endpoint) => endpoint.name === name)) {
      problems.push(`"${entry}": subgraph ${name} is listed twice`);
      continue;
    }
    endpoints.push({ name, url });
  }
  if (problems.length > 0) {
    throw new MemgateError('INVALID_CONFIG', `MEMGATE_SUBGRAPHS: ${problems.join('; ')}.`, {
      details: { problems },
    });
  }
  return endpoints;
}
