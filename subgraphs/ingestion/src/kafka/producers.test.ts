import type { Message } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { entityMessageKey } from '../model/entity-key.js';
import { orderingEntity, type GraphOperation } from '../transform/graph-operation.js';
import { keyPartitioner } from './key-partitioner.js';
import { decodeOperations } from './operation-codec.js';
import { OperationProducer } from './operation-producer.js';
import { RawRecordProducer } from './raw-record-producer.js';
import type { ChangeMessage } from '../changes/change-event.js';
import { decodeChangeEvents } from './change-codec.js';
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

const partitions = { of: () => Promise.resolve(3) };

describe('graph operations', () => {
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
    { kind: 'upsertNode', type: 'Person', key: ['p1'], fields: { name: 'Ada' }, receipt },
  ];

  it("go in frames to the partition of the entity they start at, so one node's changes stay in order", async () => {
    // Keyed, not sent to a named partition: kafkajs drops a message for a partition it does not know yet.
    const { sent, producer } = recorder();
    await new OperationProducer(producer, partitions, 'memgate.graph-ops').send(operations);
    const partitionOf = keyPartitioner(3);
    const messages = sent[0]?.messages ?? [];
    expect(messages.every((message) => message.partition === undefined)).toBe(true);
    const received = messages.flatMap((message) => {
      const decoded = decodeOperations(Buffer.from(String(message.value)));
      if (!decoded.ok) throw new Error(decoded.reason);
      return decoded.entries.map((entry) => {
        if (!entry.ok) throw new Error(entry.reason);
        const key = entityMessageKey(entry.operation.type, orderingKey(entry.operation));
        // The frame goes where its key goes: the partition of each of its operations.
        expect(partitionOf(String(message.key))).toBe(partitionOf(key));
        return entry.operation;
      });
    });
    // Every operation once, and those of one partition in the order they were sent.
    expect(received).toHaveLength(operations.length);
    const partitionOfFrame = (message: Message) => partitionOf(String(message.key));
    for (const partition of new Set(messages.map(partitionOfFrame))) {
      const sentThere = operations.filter(
        (operation) =>
          partitionOf(entityMessageKey(operation.type, orderingKey(operation))) === partition,
      );
      const receivedThere = messages
        .filter((message) => partitionOfFrame(message) === partition)
        .flatMap((message) => framedOperations(message));
      expect(receivedThere).toEqual(sentThere);
    }
    // A frame is keyed by its first operation's entity.
    expect(messages.map((message) => message.key)).toContain('Person:p1');
  });

  it("carry each operation's place in the request, whatever frame it lands in", async () => {
    const { sent, producer } = recorder();
    await new OperationProducer(producer, partitions, 'memgate.graph-ops').send(operations);
    const entries = (sent[0]?.messages ?? []).flatMap((message) => {
      const decoded = decodeOperations(Buffer.from(String(message.value)));
      if (!decoded.ok) throw new Error(decoded.reason);
      return decoded.entries;
    });
    expect(entries).toHaveLength(operations.length);
    for (const entry of entries) {
      if (!entry.ok || entry.at === undefined) throw new Error('an operation without its place');
      expect(entry.operation).toEqual(operations[entry.at]);
    }
    expect(new Set(entries.map((entry) => entry.at)).size).toBe(operations.length);
  });

  it('start a new frame when the receipt changes, and at a thousand operations', async () => {
    const { sent, producer } = recorder();
    const other = { ...receipt, id: 'r2' };
    const many = Array.from({ length: 2001 }, (_, at): GraphOperation => ({
      kind: 'upsertNode',
      type: 'Person',
      key: ['p1'],
      fields: { at },
      receipt: at === 1000 ? other : receipt,
    }));
    await new OperationProducer(producer, partitions, 'memgate.graph-ops').send(many);
    const frames = (sent[0]?.messages ?? []).map(framedOperations);
    expect(frames.map((frame) => frame.length)).toEqual([1000, 1, 1000]);
    expect(frames[1]?.[0]?.receipt).toEqual(other);
    expect(frames.flat()).toEqual(many);
  });

  it('fail with the broker error when the partitions cannot be read, sending nothing', async () => {
    const { sent, producer } = recorder();
    const unknown = { of: () => Promise.reject(new Error('no broker')) };
    await expect(
      new OperationProducer(producer, unknown, 'memgate.graph-ops').send(operations),
    ).rejects.toThrow('no broker');
    expect(sent).toEqual([]);
  });
});

describe('raw records', () => {
  it('go in frames keyed by the idempotency key, or by the receipt and first place', async () => {
    const { sent, producer } = recorder();
    const raw = new RawRecordProducer(producer, ingestionTopics('memgate.'));
    await raw.send('crm', receipt, [{ a: 1 }, { a: 1 }, { a: 2 }], undefined);
    await raw.send('crm', receipt, [{ a: 1 }, { a: 2 }], 'export-7');
    expect(sent.map((request) => request.topic)).toEqual(['memgate.raw.crm', 'memgate.raw.crm']);
    expect(sent.map((request) => request.messages.map((message) => message.key))).toEqual([
      ['r1/0'],
      ['export-7'],
    ]);
    expect(JSON.parse(String(sent[1]?.messages[0]?.value))).toEqual({
      v: 2,
      receipt,
      first: 0,
      records: [{ a: 1 }, { a: 2 }],
    });
  });

  it('start a new frame after a gap in the places (a refused line) and at a thousand records', async () => {
    const { sent, producer } = recorder();
    const raw = new RawRecordProducer(producer, ingestionTopics('memgate.'));
    const places = [0, 1, 3, ...Array.from({ length: 1001 }, (_, at) => 10 + at)];
    await raw.sendIndexed(
      'crm',
      receipt,
      places.map((index) => ({ index, record: { index } })),
      undefined,
    );
    const frames = (sent[0]?.messages ?? []).map(
      (message) => JSON.parse(String(message.value)) as { first: number; records: unknown[] },
    );
    expect(frames.map(({ first, records }) => [first, records.length])).toEqual([
      [0, 2],
      [3, 1],
      [10, 1000],
      [1010, 1],
    ]);
    expect(sent[0]?.messages.map((message) => message.key)).toEqual([
      'r1/0',
      'r1/3',
      'r1/10',
      'r1/1010',
    ]);
  });
});

function framedOperations(message: Message): GraphOperation[] {
  const decoded = decodeOperations(Buffer.from(String(message.value)));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.entries.map((entry) => {
    if (!entry.ok) throw new Error(entry.reason);
    return entry.operation;
  });
}

function orderingKey(operation: GraphOperation) {
  return orderingEntity(operation).key;
}

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
  const at = '2024-05-01T12:00:00.000Z';
  const change = (kind: 'created' | 'updated' | 'deleted', id: string): ChangeMessage => ({
    key: `Person:${id}`,
    event: { kind, typename: 'Person', key: { id }, receiptId: 'r1', at },
  });
  const framedEvents = (message: Message): unknown[] => {
    const decoded = decodeChangeEvents(Buffer.from(String(message.value)));
    if (!decoded.ok) throw new Error(decoded.reason);
    return [...decoded.events];
  };

  it("go in frames to the partition of the node they are about, so one node's changes stay in order", async () => {
    const { sent, producer } = recorder();
    const changes = [
      change('created', 'p1'),
      change('created', 'p2'),
      change('updated', 'p1'),
      change('created', 'p3'),
      change('deleted', 'p2'),
      change('updated', 'p1'),
    ];
    await new ChangeProducer(producer, partitions, 'memgate.changes').send(changes);
    const partitionOf = keyPartitioner(3);
    const messages = sent[0]?.messages ?? [];
    expect(sent.map(({ topic }) => topic)).toEqual(['memgate.changes']);
    // Keyed, never sent to a named partition; fewer messages than events.
    expect(messages.every((message) => message.partition === undefined)).toBe(true);
    expect(messages.length).toBeLessThan(changes.length);
    expect(messages.flatMap(framedEvents)).toHaveLength(changes.length);
    for (const message of messages) {
      const partition = partitionOf(String(message.key));
      const expected = changes.filter(({ key }) => partitionOf(key) === partition);
      // One frame per partition here: all of its events, in the order they happened.
      expect(framedEvents(message)).toEqual(expected.map(({ event }) => event));
      expect(message.key).toBe(expected[0]?.key);
    }
  });

  it('are cut into frames of at most a thousand events, in order', async () => {
    const { sent, producer } = recorder();
    // One node's events, each told apart by its time.
    const changes = Array.from({ length: 2500 }, (_, n) => ({
      key: 'Person:p1',
      event: {
        ...change('updated', 'p1').event,
        at: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, n)).toISOString(),
      },
    }));
    await new ChangeProducer(producer, partitions, 'memgate.changes').send(changes);
    const messages = sent[0]?.messages ?? [];
    expect(messages.map((message) => framedEvents(message).length)).toEqual([1000, 1000, 500]);
    expect(messages.flatMap(framedEvents)).toEqual(changes.map(({ event }) => event));
    expect(messages.every((message) => message.key === 'Person:p1')).toBe(true);
  });

  it('are cut into frames of at most 256 KB', async () => {
    const { sent, producer } = recorder();
    // Events of about 100 KB each (a long key): two fit a frame, a third does not.
    const changes = Array.from({ length: 5 }, (_, n) =>
      change('created', `${'x'.repeat(100_000)}${n}`),
    );
    await new ChangeProducer(producer, partitions, 'memgate.changes').send(
      changes.map((message) => ({ ...message, key: 'Person:long' })),
    );
    const messages = sent[0]?.messages ?? [];
    expect(messages.map((message) => framedEvents(message).length)).toEqual([2, 2, 1]);
    expect(
      messages.every((message) => Buffer.byteLength(String(message.value)) <= 256 * 1024),
    ).toBe(true);
    expect(messages.flatMap(framedEvents)).toEqual(changes.map(({ event }) => event));
  });

  it('start sending in the order they were given, however many partitions each one spans', async () => {
    const { sent, producer } = recorder();
    const changes = new ChangeProducer(producer, partitions, 'memgate.changes');
    // A batch of many partitions, then one of a single event, published while the first is framed.
    const many = Array.from({ length: 30 }, (_, n) => change('created', `p${n}`));
    await Promise.all([changes.send(many), changes.send([change('updated', 'p0')])]);
    expect(sent.map(({ messages }) => messages.flatMap(framedEvents).length)).toEqual([30, 1]);
  });

  it('send nothing when there is nothing to say', async () => {
    const { sent, producer } = recorder();
    const asked = vi.fn(() => Promise.resolve(3));
    await new ChangeProducer(producer, { of: asked }, 'memgate.changes').send([]);
    expect(sent).toEqual([]);
    expect(asked).not.toHaveBeenCalled();
  });
});
