import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { encodeOperationFrame, serializeOperation } from '../kafka/operation-codec.js';
import { encodeRawFrame, serializeRawRecord } from '../kafka/raw-record-codec.js';
import { readMapping } from '../mapping/read-mapping.js';
import { graphOpsDecoder, rawDecoder, topicDecoder } from './message-decoders.js';

const receipt = { id: 'r1', source: 'contacts', accepted: 3, createdAt: '2024-05-01T12:00:00Z' };
const { mapping } = readMapping(
  'contacts.yaml',
  `source: contacts
drop:
  - field: status
    equals: deleted
nodes:
  - as: person
    type: Person
    key: { id: id }
    properties: { name: name, age: age }
`,
  testModel(),
);
if (!mapping) throw new Error('the test mapping is invalid');
const decode = rawDecoder('memgate.raw.contacts', { ...mapping, hook: undefined });
/** A message of one record, as releases before frames queued them (version 1). */
const raw = (record: unknown, offset = '4') => ({
  offset,
  value: Buffer.from(JSON.stringify({ v: 1, receipt, index: 0, record })),
});
/** A one-record message's record. */
async function decodeOne(message: { offset: string; value: Buffer | null }) {
  const [record, ...more] = await decode(message);
  expect(more).toEqual([]);
  return record;
}

describe('the raw decoder', () => {
  it('maps a record to its operations, keeping the original as the dead-letter payload', async () => {
    const record = { id: 'p1', name: 'Ada', age: '36' };
    expect(await decode(raw(record))).toEqual([
      {
        offset: '4',
        // Its place in the request the envelope names.
        requestIndex: 0,
        receipt,
        operations: [
          {
            kind: 'upsertNode',
            type: 'Person',
            key: ['p1'],
            fields: { name: 'Ada', age: 36 },
            receipt,
          },
        ],
        deadLetter: { source: 'contacts', payload: record },
      },
    ]);
  });

  it('gives a skipped record no operations and no rejection', async () => {
    const skipped = await decodeOne(raw({ id: 'p1', name: 'A', status: 'deleted' }));
    expect(skipped?.operations).toEqual([]);
    expect(skipped?.rejection).toBeUndefined();
  });

  it('rejects what the mapping refuses, with the reason', async () => {
    expect(await decodeOne(raw({ id: 'p1', name: 'Ada', age: 'old' }))).toMatchObject({
      operations: [],
      rejection: 'nodes[0].properties.age (age): expected an Int, got "old"',
      deadLetter: { source: 'contacts', payload: { id: 'p1', name: 'Ada', age: 'old' } },
    });
  });

  it('rejects records of a source that has no mapping any more', async () => {
    expect(await rawDecoder('memgate.raw.gone', undefined)(raw({ id: 'p1' }))).toMatchObject([
      { rejection: 'no mapping for the source "contacts" (MEMGATE_INGESTION_MAPPINGS_DIR)' },
    ]);
  });

  it('rejects an unreadable message on no receipt, naming the topic as its source', async () => {
    expect(await decode({ offset: '9', value: Buffer.from('{"v":1}') })).toEqual([
      {
        offset: '9',
        receipt: undefined,
        operations: [],
        rejection: 'unreadable message: the raw record envelope is incomplete',
        unreadable: true,
        deadLetter: { source: 'memgate.raw.contacts', payload: { v: 1 } },
      },
    ]);
  });

  it('maps each record of a frame on its own, each with its place and whether it ends the message', async () => {
    const records = [
      { id: 'p1', name: 'Ada' },
      { id: 'p2', name: 'Bob', age: 'old' },
      { id: 'p3', status: 'deleted' },
    ];
    const value = Buffer.from(encodeRawFrame(receipt, 10, records.map(serializeRawRecord)));
    const decoded = await decode({ offset: '5', value });
    expect(
      decoded.map(({ offset, index, endsMessage, requestIndex, operations, rejection }) => ({
        offset,
        index,
        endsMessage,
        requestIndex,
        operations: operations.length,
        rejection,
      })),
    ).toEqual([
      {
        offset: '5',
        index: 0,
        endsMessage: false,
        requestIndex: 10,
        operations: 1,
        rejection: undefined,
      },
      {
        offset: '5',
        index: 1,
        endsMessage: false,
        requestIndex: 11,
        operations: 0,
        rejection: 'nodes[0].properties.age (age): expected an Int, got "old"',
      },
      {
        offset: '5',
        index: 2,
        endsMessage: true,
        requestIndex: 12,
        operations: 0,
        rejection: undefined,
      },
    ]);
    expect(decoded.map((record) => record.deadLetter.payload)).toEqual(records);
  });
});

describe('the graph-ops decoder', () => {
  it('rejects a message without a value', async () => {
    expect(await graphOpsDecoder('ops')({ offset: '1', value: null })).toMatchObject([
      {
        rejection: 'unreadable message: the message has no value',
        deadLetter: { source: 'ops', payload: null },
      },
    ]);
  });

  it('gives each operation of a frame its own record, an unreadable one rejected on its own, on the frame receipt', async () => {
    const upsert = {
      kind: 'upsertNode' as const,
      type: 'Person',
      key: ['p1'],
      fields: { name: 'Ada' },
      receipt,
    };
    const value = Buffer.from(
      encodeOperationFrame(receipt, [
        serializeOperation(upsert, { at: 4 }),
        '{"at":5,"kind":"explode"}',
      ]),
    );
    expect(await graphOpsDecoder('ops')({ offset: '3', value })).toEqual([
      {
        offset: '3',
        index: 0,
        endsMessage: false,
        // Its place in the request, as the frame carries it.
        requestIndex: 4,
        receipt,
        operations: [upsert],
        deadLetter: {
          source: 'contacts',
          payload: {
            at: 4,
            kind: 'upsertNode',
            type: 'Person',
            key: ['p1'],
            fields: { name: 'Ada' },
          },
        },
      },
      {
        offset: '3',
        index: 1,
        endsMessage: true,
        requestIndex: 5,
        receipt,
        operations: [],
        rejection: 'unreadable message: the operation names no node type',
        unreadable: true,
        deadLetter: { source: 'contacts', payload: { at: 5, kind: 'explode' } },
      },
    ]);
  });
});

describe('the external topic decoder', () => {
  const decodeTopic = topicDecoder({ ...mapping, hook: undefined, topic: 'crm.events' });
  const at = String(Date.parse('2024-05-01T10:00:00Z'));
  const receiptOfDay = {
    id: 'contacts@2024-05-01',
    source: 'contacts',
    accepted: 0,
    createdAt: '2024-05-01T00:00:00.000Z',
  };

  it('maps a JSON value as a record, counted as accepted on the rolling receipt of its day', async () => {
    const value = Buffer.from(JSON.stringify({ id: 'p1', name: 'Ada' }));
    expect(await decodeTopic({ offset: '9', value, timestamp: at })).toEqual([
      {
        offset: '9',
        receipt: receiptOfDay,
        acceptedHere: true,
        operations: [
          {
            kind: 'upsertNode',
            type: 'Person',
            key: ['p1'],
            fields: { name: 'Ada' },
            receipt: receiptOfDay,
          },
        ],
        deadLetter: { source: 'contacts', payload: { id: 'p1', name: 'Ada' } },
      },
    ]);
  });

  it('rejects a value that is not JSON, dead-lettering it as text', async () => {
    expect(await decodeTopic({ offset: '9', value: Buffer.from('{nope'), timestamp: at })).toEqual([
      {
        offset: '9',
        receipt: receiptOfDay,
        acceptedHere: true,
        operations: [],
        rejection: 'the message value is not JSON',
        unreadable: true,
        deadLetter: { source: 'contacts', payload: '{nope' },
      },
    ]);
  });

  it('skips a tombstone: there is nothing to map', async () => {
    const [tombstone] = await decodeTopic({ offset: '9', value: null, timestamp: at });
    expect(tombstone).toMatchObject({ operations: [], acceptedHere: true });
    expect(tombstone).not.toHaveProperty('rejection');
  });
});
