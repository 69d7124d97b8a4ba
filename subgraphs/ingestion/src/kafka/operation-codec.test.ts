import { describe, expect, it } from 'vitest';
import type { GraphOperation } from '../transform/graph-operation.js';
import { decodeOperations, encodeOperationFrame, serializeOperation } from './operation-codec.js';

const operation: GraphOperation = {
  kind: 'upsertNode',
  type: 'Person',
  key: ['p1'],
  fields: { name: 'Ada', age: 36, tags: ['x'], bornAt: null },
  receipt: { id: 'r1', source: 'upsertPeople', accepted: 1, createdAt: '2024-05-01T12:00:00Z' },
};

const decode = (text: string) => decodeOperations(Buffer.from(text));
/** A version-1 message: one operation, as earlier releases queued it. */
const single = (value: object) => JSON.stringify({ v: 1, ...value });
/** Read, with what the message held for it: a frame's entry without the receipt. */
const read = (operation: GraphOperation, framed = true) => {
  const { receipt: _inTheFrame, ...entry } = operation;
  return { ok: true, operation, payload: framed ? entry : { v: 1, ...operation } };
};

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
  it('round-trips a frame of operations in order, versioned, the receipt written once', () => {
    const all = [operation, ...others];
    const encoded = encodeOperationFrame(
      receipt,
      all.map((one) => serializeOperation(one)),
    );
    const parsed = JSON.parse(encoded) as { v: number; operations: object[] };
    expect(parsed).toMatchObject({ v: 2, receipt });
    expect(parsed.operations.every((entry) => !('receipt' in entry))).toBe(true);
    expect(decode(encoded)).toEqual({
      ok: true,
      framed: true,
      receipt,
      entries: all.map((one) => read(one)),
    });
  });

  it("carries an operation's place in its request when the producer gives it", () => {
    const encoded = encodeOperationFrame(receipt, [
      serializeOperation(operation, { at: 7 }),
      serializeOperation(operation),
    ]);
    const decoded = decode(encoded);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.entries[0]).toMatchObject({ ok: true, operation, at: 7 });
    expect(decoded.entries[1]).not.toHaveProperty('at');
  });

  it('keeps the place of an operation it cannot read', () => {
    const encoded = encodeOperationFrame(receipt, ['{"at":3,"kind":"explode","type":"Person"}']);
    const decoded = decode(encoded);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.entries[0]).toMatchObject({ ok: false, at: 3 });
  });

  it.each([operation, ...others].map((one) => [one.kind, one] as const))(
    'still reads a version-1 %s, one operation that is the message',
    (_kind, one) => {
      expect(decode(single(one))).toEqual({
        ok: true,
        framed: false,
        entries: [read(one, false)],
      });
    },
  );

  it('refuses one unreadable operation of a frame with what it holds, and reads the others', () => {
    const broken = { kind: 'explode', type: 'Person' };
    const entry = JSON.parse(serializeOperation(operation)) as object;
    const encoded = JSON.stringify({ v: 2, receipt, operations: [broken, 7, entry] });
    expect(decode(encoded)).toEqual({
      ok: true,
      framed: true,
      receipt,
      entries: [
        { ok: false, reason: 'unknown operation "explode"', payload: broken },
        { ok: false, reason: 'the operation is not a JSON object', payload: 7 },
        read(operation),
      ],
    });
  });

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
    expect(decode(single(broken))).toEqual({ ok: false, reason });
  });

  it.each([
    ['not JSON', '{', 'the message is not JSON'],
    ['not an object', '[1]', 'the message is not a JSON object'],
    [
      'a future version',
      JSON.stringify({ ...operation, v: 3 }),
      'unknown operation format version 3',
    ],
    [
      'a frame without a receipt',
      JSON.stringify({ v: 2, operations: [operation] }),
      'the frame has no receipt',
    ],
    [
      'a frame without operations',
      JSON.stringify({ v: 2, receipt, operations: [] }),
      'the frame holds no operations',
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
    expect(decodeOperations(null)).toEqual({ ok: false, reason: 'the message has no value' });
  });
});
