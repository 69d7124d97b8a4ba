import { describe, expect, it } from 'vitest';
import { decodeRawRecords, encodeRawFrame, serializeRawRecord } from './raw-record-codec.js';

const receipt = { id: 'r1', source: 'crm', accepted: 2, createdAt: '2024-05-01T12:00:00Z' };

describe('the raw-topic wire format', () => {
  it('round-trips a frame of any JSON records with their receipt and first place, versioned', () => {
    const records = [{ id: 1, nested: { a: [1, null] } }, 'text', null, [1, 2]];
    const encoded = encodeRawFrame(receipt, 40, records.map(serializeRawRecord));
    expect(JSON.parse(encoded)).toEqual({ v: 2, receipt, first: 40, records });
    expect(decodeRawRecords(Buffer.from(encoded))).toEqual({
      ok: true,
      framed: true,
      frame: { receipt, first: 40, records },
    });
  });

  it('serializes a record that is not JSON-able (undefined) as null rather than dropping it', () => {
    const encoded = encodeRawFrame(receipt, 0, [undefined, 1].map(serializeRawRecord));
    expect(JSON.parse(encoded)).toMatchObject({ records: [null, 1] });
  });

  it('still reads the one-record messages of version 1, as a frame of one that is not framed', () => {
    const v1 = JSON.stringify({ v: 1, receipt, index: 3, record: { id: 'a' } });
    expect(decodeRawRecords(Buffer.from(v1))).toEqual({
      ok: true,
      framed: false,
      frame: { receipt, first: 3, records: [{ id: 'a' }] },
    });
  });

  it.each([
    ['no value', null, 'the message has no value', null],
    ['not JSON', Buffer.from('{'), 'the message is not JSON', '{'],
    ['an array', Buffer.from('[1]'), 'the message is not a raw record envelope', [1]],
    [
      'another format',
      Buffer.from('{"v":3}'),
      'the message is not a raw record envelope',
      { v: 3 },
    ],
    [
      'an incomplete envelope',
      Buffer.from('{"v":1,"index":0,"record":{}}'),
      'the raw record envelope is incomplete',
      { v: 1, index: 0, record: {} },
    ],
    [
      'a frame without records',
      Buffer.from(JSON.stringify({ v: 2, receipt, first: 0, records: [] })),
      'the raw record frame is incomplete',
      { v: 2, receipt, first: 0, records: [] },
    ],
    [
      'a frame without its first place',
      Buffer.from(JSON.stringify({ v: 2, receipt, records: [{}] })),
      'the raw record frame is incomplete',
      { v: 2, receipt, records: [{}] },
    ],
  ])('reports %s with what it could read', (_name, value, reason, payload) => {
    expect(decodeRawRecords(value)).toEqual({ ok: false, reason, payload });
  });
});
