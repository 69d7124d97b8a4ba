import { describe, expect, it } from 'vitest';
import { SAMPLE_CHANGES } from '../../test/sample-changes.js';
import { decodeOutbox, encodeOutbox } from './change-outbox.js';
import { compactChanges } from './compact-changes.js';

const messages = SAMPLE_CHANGES;

describe('the change outbox', () => {
  it("round-trips a batch's events and their message keys through one deflated string", () => {
    const encoded = encodeOutbox(messages) ?? '';
    expect(encoded).toMatch(/^z1:[A-Za-z0-9+/]+=*$/);
    expect(decodeOutbox(encoded, '41')).toEqual({ messages, from: '41' });
  });

  it('keeps a large batch small: 5,000 connects in under a quarter of their compact JSON', () => {
    const at = '2024-05-01T12:00:00.000Z';
    const many = Array.from({ length: 5000 }, (_, n) => ({
      key: `Person:p${n}`,
      event: {
        kind: 'connected' as const,
        typename: 'Person',
        key: { id: `p${n}` },
        relationship: 'KNOWS',
        field: 'knows',
        to: { typename: 'Person', key: { id: `p${(n * 7919) % 5000}` } },
        receiptId: 'r1',
        at,
      },
    }));
    const encoded = encodeOutbox(many) ?? '';
    const compact = JSON.stringify(compactChanges(many.map(({ event }) => event)));
    expect(encoded.length).toBeLessThan(compact.length / 4);
    expect(decodeOutbox(encoded, '7')?.messages).toEqual(many);
  });

  it('reads the compact JSON that earlier releases stored undeflated', () => {
    const compact = JSON.stringify(compactChanges(messages.map(({ event }) => event)));
    expect(decodeOutbox(compact, '41')).toEqual({ messages, from: '41' });
  });

  it('stores nothing for a batch that changed nothing', () => {
    expect(encodeOutbox([])).toBeNull();
    expect(decodeOutbox(null, null)).toBeUndefined();
  });

  it('reads what is not an outbox as nothing to publish, and the [key, event] pairs of earlier releases', () => {
    expect(decodeOutbox('not json', '1')).toBeUndefined();
    expect(decodeOutbox('z1:bm90IGRlZmxhdGVk', '1')).toBeUndefined();
    expect(decodeOutbox('{"a":1}', '1')).toBeUndefined();
    expect(decodeOutbox('[["k"], [1, {}], ["k", {"kind": "created"}]]', '1')).toEqual({
      messages: [{ key: 'k', event: { kind: 'created' } }],
      from: '1',
    });
  });
});
