import { isMemgateError } from '@memgate/platform/errors';
import { describe, expect, it } from 'vitest';
import { parseSubgraphList } from './subgraphList.js';

function problemsOf(entries: readonly string[]): unknown {
  try {
    parseSubgraphList(entries);
  } catch (error) {
    return isMemgateError(error) ? [error.code, error.details['problems']] : error;
  }
  return 'parsed';
}

describe('MEMGATE_SUBGRAPHS', () => {
  it('reads name=url pairs in order', () => {
    expect(
      parseSubgraphList([
        'query=http://localhost:4001/graphql',
        'reviews = https://r.example/graphql',
      ]),
    ).toEqual([
      { name: 'query', url: 'http://localhost:4001/graphql' },
      { name: 'reviews', url: 'https://r.example/graphql' },
    ]);
  });

  it('reports every bad entry at once, naming it', () => {
    expect(
      problemsOf([
        'http://localhost:4001/graphql',
        'query=localhost:4001',
        'query=http://a/graphql',
        'query=http://b/graphql',
        '1st=http://c/graphql',
      ]),
    ).toEqual([
      'INVALID_CONFIG',
      [
        '"http://localhost:4001/graphql": expected name=url, with a GraphQL name',
        '"query=localhost:4001": query\'s URL must be an http:// or https:// URL',
        '"query=http://b/graphql": subgraph query is listed twice',
        '"1st=http://c/graphql": expected name=url, with a GraphQL name',
      ],
    ]);
  });
});
