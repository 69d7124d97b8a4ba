import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex, TrustedDocuments } from './trustedDocuments.js';

const QUERY = '{ people { name } }';

describe('TrustedDocuments', () => {
  const documents = new TrustedDocuments(new Map([['people-names', QUERY]]));

  it('resolves a known id to its document', () => {
    expect(documents.lookup({ id: 'people-names' })).toEqual({ trusted: true, query: QUERY });
  });

  it('lets a known document through by its text', () => {
    expect(documents.lookup({ query: QUERY })).toEqual({ trusted: true, query: QUERY });
  });

  it('refuses an unknown id as PERSISTED_QUERY_NOT_FOUND and unknown text as FORBIDDEN', () => {
    expect(documents.lookup({ id: 'nope' })).toMatchObject({
      trusted: false,
      status: 400,
      code: 'PERSISTED_QUERY_NOT_FOUND',
    });
    expect(documents.lookup({ query: '{ people { email } }' })).toMatchObject({
      trusted: false,
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(documents.lookup({})).toMatchObject({ trusted: false, code: 'FORBIDDEN' });
  });

  it('reads both manifest formats', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'memgate-trusted-'));
    const plain = join(dir, 'plain.json');
    await writeFile(plain, JSON.stringify({ [sha256Hex(QUERY)]: QUERY }));
    expect(TrustedDocuments.fromFile(plain).lookup({ id: sha256Hex(QUERY) }).trusted).toBe(true);
    const apollo = join(dir, 'apollo.json');
    await writeFile(
      apollo,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: 'abc', name: 'Names', type: 'query', body: QUERY }],
      }),
    );
    expect(TrustedDocuments.fromFile(apollo).size).toBe(1);
    await writeFile(plain, '{ "x": 1 }');
    expect(() => TrustedDocuments.fromFile(plain)).toThrow('the document of "x" is not a string');
    expect(() => TrustedDocuments.fromFile(join(dir, 'missing.json'))).toThrow(
      'Cannot read the trusted documents manifest',
    );
  });
});
