import { describe, expect, it } from 'vitest';
import type { ChangeMessage } from './change-event.js';
import { decodeOutbox, encodeOutbox } from './change-outbox.js';

const messages: ChangeMessage[] = [
  {
    key: 'Person:p1',
    event: { kind: 'created', typename: 'Person', key: { id: 'p1' }, at: '2024-05-01T12:00:00Z' },
  },
  {
    key: 'IngestionReceipt:r1',
    event: {
      kind: 'receipt',
      receiptId: 'r1',
      status: 'COMPLETED',
      accepted: 1,
      written: 1,
      rejected: 0,
      skipped: 0,
      at: '2024-05-01T12:00:00Z',
    },
  },
];

describe('the change outbox', () => {
  it("round-trips a batch's events and their message keys through one compact string", () => {
    const encoded = encodeOutbox(messages);
    expect(JSON.parse(encoded ?? 'null')).toMatchObject({ v: 2 });
    expect(decodeOutbox(encoded, '41')).toEqual({ messages, from: '41' });
  });

  it('stores nothing for a batch that changed nothing', () => {
    expect(encodeOutbox([])).toBeNull();
    expect(decodeOutbox(null, null)).toBeUndefined();
  });

  it('reads what is not an outbox as nothing to publish, and the [key, event] pairs of earlier releases', () => {
    expect(decodeOutbox('not json', '1')).toBeUndefined();
    expect(decodeOutbox('{"a":1}', '1')).toBeUndefined();
    expect(decodeOutbox('[["k"], [1, {}], ["k", {"kind": "created"}]]', '1')).toEqual({
      messages: [{ key: 'k', event: { kind: 'created' } }],
      from: '1',
    });
  });
});
