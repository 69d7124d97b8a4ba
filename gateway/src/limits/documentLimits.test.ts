import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf, committedSupergraphSdl } from '../../test/apiSchema.js';
import { documentLimits } from './documentLimits.js';

const schema = apiSchemaOf(committedSupergraphSdl());
const limits = documentLimits({ maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxTokens: 40 });

function errorsOf(query: string): string[] {
  return validate(schema, parse(query, limits.parseOptions), [
    ...specifiedRules,
    ...limits.validationRules,
  ]).map((error) => error.message);
}

describe('documentLimits', () => {
  it('lets a document within every limit through', () => {
    expect(errorsOf('{ a: people { b: name knows { name } } }')).toEqual([]);
  });

  it('refuses depth, aliases and directives over their limits', () => {
    expect(errorsOf('{ people { knows { knows { knows { name } } } } }')).toEqual([
      // Leaves count as a level: people › knows › knows › knows › name.
      'Syntax Error: Query depth limit of 3 exceeded, found 5.',
    ]);
    expect(errorsOf('{ a: people { b: name c: age } }')).toEqual([
      'Syntax Error: Aliases limit of 2 exceeded, found 3.',
    ]);
    expect(
      errorsOf('{ people { name @skip(if: false) @include(if: true) age @skip(if: false) } }'),
    ).toEqual(['Syntax Error: Directives limit of 2 exceeded, found 3.']);
  });

  it('stops parsing past the token limit', () => {
    const long = `{ ${Array.from({ length: 20 }, (_, i) => `f${i}: __typename`).join(' ')} }`;
    expect(() => parse(long, limits.parseOptions)).toThrow(
      /Document contains more tha[nt] 40 tokens/,
    );
  });

  it('does not count introspection against the depth limit', () => {
    expect(errorsOf('{ __schema { types { fields { type { ofType { name } } } } } }')).toEqual([]);
  });
});
