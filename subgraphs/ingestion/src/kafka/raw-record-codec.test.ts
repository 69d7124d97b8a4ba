import { describe, expect, it } from 'vitest';
import { decodeRawRecord, encodeRawRecord } from './raw-record-codec.js';

const receipt = { id: 'r1', source: 'crm', accepted: 2, createdAt: '2024-05-01T12:00:00Z' };

describe('the raw-topic wire format', () => {
  it('round-trips any JSON record with its receipt and index, versioned', () => {
    for (const record of [{ id: 1, nested: { a: [1, null] } }, 'text', null, [1, 2]]) {
      const encoded = encodeRawRecord({ receipt, index: 1, record });
      expect(JSON.parse(encoded)).toMatchObject({ v: 1 });
      expect(decodeRawRecord(Buffer.from(encoded))).toEqual({
        ok: true,
        envelope: { receipt, index: 1, record },
      });
    }
  });

  it.each([
    ['no value', null, 'the message has no value', null],
    ['not JSON', Buffer.from('{'), 'the message is not JSON', '{'],
    [
      'another format',
      Buffer.from('{"v":2}'),
      'the message is not a raw record envelope',
      { v: 2 },
    ],
    [
      'an incomplete envelope',
      Buffer.from('{"v":1,"index":0,"record":{}}'),
      'the raw record envelope is incomplete',
      { v: 1, index: 0, record: {} },
    ],
  ])('reports %s with what it could read', (_name, value, reason, payload) => {
    expect(decodeRawRecord(value)).toEqual({ ok: false, reason, payload });
  });
});
