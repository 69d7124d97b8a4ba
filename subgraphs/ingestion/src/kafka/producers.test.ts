import type { Message } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { GraphOperation } from '../transform/graph-operation.js';
import { OperationProducer } from './operation-producer.js';
import { RawRecordProducer } from './raw-record-producer.js';
import { ChangeProducer } from './change-producer.js';
import { ingestionTopics, pipelineTopics } from './topics.js';

function recorder() {
  const sent: { topic: string; messages: readonly Message[] }[] = [];
  return {
    sent,
    producer: {
      send: (topic: string, messages: readonly Message[]) => {
        sent.push({ topic, messages });
        return Promise.resolve();
      },
    },
  };
}

const receipt = { id: 'r1', source: 's', accepted: 2, createdAt: '2024-05-01T12:00:00Z' };

describe('message keys', () => {
  it("of graph operations are the entity they start at, so one node's changes stay in order", async () => {
    const { sent, producer } = recorder();
    const operations: GraphOperation[] = [
      { kind: 'upsertNode', type: 'Person', key: ['p1'], fields: {}, receipt },
      {
        kind: 'connect',
        type: 'Person',
        field: 'knows',
        from: ['p1'],
        to: { type: 'Person', key: ['p2'] },
        properties: {},
        receipt,
      },
      {
        kind: 'disconnect',
        type: 'Person',
        field: 'recorded',
        from: ['p3'],
        to: { type: 'Reading', key: ['s', 1] },
        receipt,
      },
      { kind: 'deleteNode', type: 'Reading', key: ['s', 1], receipt },
    ];
    await new OperationProducer(producer, 'memgate.graph-ops').send(operations);
    expect(sent[0]?.messages.map((message) => message.key)).toEqual([
      'Person:p1',
      'Person:p1',
      'Person:p3',
      'Reading:["s",1]',
    ]);
  });

  it('of raw records are the idempotency key, or a hash of the record', async () => {
    const { sent, producer } = recorder();
    const raw = new RawRecordProducer(producer, ingestionTopics('memgate.'));
    await raw.send('crm', receipt, [{ a: 1 }, { a: 1 }, { a: 2 }], undefined);
    await raw.send('crm', receipt, [{ a: 1 }, { a: 2 }], 'export-7');
    expect(sent.map((request) => request.topic)).toEqual(['memgate.raw.crm', 'memgate.raw.crm']);
    const [hashed, keyed] = sent.map((request) => request.messages.map((message) => message.key));
    expect(hashed?.[0]).toBe(hashed?.[1]);
    expect(hashed?.[0]).not.toBe(hashed?.[2]);
    expect(keyed).toEqual(['export-7', 'export-7']);
    expect(JSON.parse(String(sent[1]?.messages[1]?.value))).toEqual({
      v: 1,
      receipt,
      index: 1,
      record: { a: 2 },
    });
  });
});

describe('topics', () => {
  it('are graph-ops, dead-letters, changes and one raw topic per source, under the prefix', () => {
    expect(pipelineTopics(ingestionTopics('memgate.'), ['crm', 'articles'])).toEqual([
      'memgate.graph-ops',
      'memgate.dead-letters',
      'memgate.changes',
      'memgate.raw.crm',
      'memgate.raw.articles',
    ]);
  });
});

describe('change events', () => {
  it('are published as plain JSON, keyed by the node they are about', async () => {
    const { sent, producer } = recorder();
    const event = {
      kind: 'updated' as const,
      typename: 'Person',
      key: { id: 'p1' },
      receiptId: 'r1',
      at: '2024-05-01T12:00:00.000Z',
    };
    await new ChangeProducer(producer, 'memgate.changes').send([{ key: 'Person:p1', event }]);
    expect(sent).toEqual([
      { topic: 'memgate.changes', messages: [{ key: 'Person:p1', value: JSON.stringify(event) }] },
    ]);
  });
});
