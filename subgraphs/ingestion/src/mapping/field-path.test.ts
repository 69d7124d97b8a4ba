import { describe, expect, it } from 'vitest';
import { parseFieldPath, readFieldPath, topLevelField, type FieldPath } from './field-path.js';

const path = (text: string): FieldPath => {
  const parsed = parseFieldPath(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

describe('field paths', () => {
  it('parse dots, array indexes, the item itself and the record root', () => {
    expect(path('author.name').segments).toEqual(['author', 'name']);
    expect(path('topics[0].slug').segments).toEqual(['topics', 0, 'slug']);
    expect(path('matrix[1][2]').segments).toEqual(['matrix', 1, 2]);
    expect(path('$')).toMatchObject({ fromRecord: false, segments: [] });
    expect(path('$record.lang')).toMatchObject({ fromRecord: true, segments: ['lang'] });
  });

  it.each(['', 'a..b', 'a.', '$x', 'a[x]', '$record.'])('refuse %j', (text) => {
    expect(parseFieldPath(text)).toEqual({
      error: `"${text}" is not a field path (write a.b[0].c, $ or $record.a)`,
    });
  });

  it('read a value, or undefined when any step is missing', () => {
    const record = { author: { name: 'Ada' }, topics: [{ slug: 'x' }], lang: 'en' };
    const scope = { item: { slug: 'y' }, record };
    expect(readFieldPath(path('slug'), scope)).toBe('y');
    expect(readFieldPath(path('$'), scope)).toEqual({ slug: 'y' });
    expect(readFieldPath(path('$record.author.name'), scope)).toBe('Ada');
    expect(readFieldPath(path('$record.topics[0].slug'), scope)).toBe('x');
    expect(readFieldPath(path('$record.topics[3].slug'), scope)).toBeUndefined();
    expect(readFieldPath(path('$record.lang.x'), scope)).toBeUndefined();
    expect(readFieldPath(path('$record.author[0]'), scope)).toBeUndefined();
  });

  it('name the top-level field they start with', () => {
    expect(topLevelField(path('author.name'))).toBe('author');
    expect(topLevelField(path('$'))).toBeUndefined();
  });
});
