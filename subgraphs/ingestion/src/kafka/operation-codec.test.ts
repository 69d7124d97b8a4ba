import { describe, expect, it } from 'vitest';
import type { GraphOperation } from '../transform/graph-operation.js';
import { decodeOperation, encodeOperation } from './operation-codec.js';

const operation: GraphOperation = {
  kind: 'upsertNode',
  type: 'Person',
  key: ['p1'],
  fields: { name: 'Ada', age: 36, tags: ['x'], bornAt: null },
  receipt: { id: 'r1', source: 'upsertPeople', accepted: 1, createdAt: '2024-05-01T12:00:00Z' },
};

const decode = (text: string) => decodeOperation(Buffer.from(text));

describe('the graph-ops wire format', () => {
  it('round-trips an operation, versioned', () => {
    const encoded = encodeOperation(operation);
    expect(JSON.parse(encoded)).toMatchObject({ v: 1, kind: 'upsertNode' });
    expect(decode(encoded)).toEqual({ ok: true, operation });
  });

  it.each([
    ['not JSON', '{', 'the message is not JSON'],
    ['not an object', '[1]', 'the message is not a JSON object'],
    [
      'a future version',
      JSON.stringify({ ...operation, v: 2 }),
      'unknown operation format version 2',
    ],
    [
      'an unknown kind',
      JSON.stringify({ ...operation, v: 1, kind: 'explode' }),
      'unknown operation "explode"',
    ],
    ['no key', JSON.stringify({ ...operation, v: 1, key: [] }), 'the operation has no key'],
    [
      'no receipt',
      JSON.stringify({ ...operation, v: 1, receipt: { id: 'r1' } }),
      'the operation has no receipt',
    ],
  ])('reports %s instead of throwing', (_name, text, reason) => {
    expect(decode(text)).toEqual({ ok: false, reason });
  });

  it('reports a message without a value', () => {
    expect(decodeOperation(null)).toEqual({ ok: false, reason: 'the message has no value' });
  });
});
