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

const receipt = operation.receipt;
const others: GraphOperation[] = [
  {
    kind: 'connect',
    type: 'Person',
    field: 'knows',
    from: ['p1'],
    to: { type: 'Person', key: ['p2'] },
    properties: { strength: 0.5 },
    receipt,
  },
  {
    kind: 'disconnect',
    type: 'Person',
    field: 'recorded',
    from: ['p1'],
    to: { type: 'Reading', key: ['s1', 7] },
    receipt,
  },
  { kind: 'deleteNode', type: 'Reading', key: ['s1', 7], receipt },
];

describe('the graph-ops wire format', () => {
  it('round-trips an operation, versioned', () => {
    const encoded = encodeOperation(operation);
    expect(JSON.parse(encoded)).toMatchObject({ v: 1, kind: 'upsertNode' });
    expect(decode(encoded)).toEqual({ ok: true, operation });
  });

  it.each(others.map((other) => [other.kind, other] as const))(
    'round-trips a %s',
    (_kind, other) => {
      expect(decode(encodeOperation(other))).toEqual({ ok: true, operation: other });
    },
  );

  it.each([
    [
      'a relationship without its field',
      { ...others[0], field: undefined },
      'the operation names no relationship field',
    ],
    [
      'a relationship without its end',
      { ...others[0], to: { key: ['p2'] } },
      'the operation has no end node',
    ],
    [
      'a connect without properties',
      { ...others[0], properties: 'x' },
      'the operation has no fields object',
    ],
    ['a delete without a key', { ...others[2], key: null }, 'the operation has no key'],
  ])('reports %s', (_name, broken, reason) => {
    expect(decode(JSON.stringify({ v: 1, ...broken }))).toEqual({ ok: false, reason });
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
