import { buildSchema, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { DocumentCache, type CheckedDocument } from './documentCache.js';

const schema = buildSchema('type Query { a: Int }');

describe('DocumentCache', () => {
  it('checks each query text once per schema and hands every caller the same document', () => {
    const cache = new DocumentCache();
    const check = vi.fn((): CheckedDocument => ({ document: parse('{ a }'), query: '{ a }' }));
    const first = cache.get(schema, '{ a }', check);
    const second = cache.get(schema, '{ a }', check);
    expect(second).toBe(first);
    expect(check).toHaveBeenCalledTimes(1);
    cache.get(buildSchema('type Query { a: Int }'), '{ a }', check);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('forgets the oldest document past its bound', () => {
    const cache = new DocumentCache(2);
    const check = vi.fn((): CheckedDocument => ({ errors: [] }));
    for (const query of ['{ a }', '{ b }', '{ c }', '{ a }']) cache.get(schema, query, check);
    expect(check).toHaveBeenCalledTimes(4);
  });
});
