import { parseGraphModel } from '@memgate/graph-model';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from './change-event.js';
import {
  changeMessageKey,
  nodeChangeMessage,
  receiptChangeMessage,
  relationshipChangeMessage,
} from './change-messages.js';
import { nodeSubject, relationshipSubject } from './change-subject.js';
import { compactChanges, expandChanges, isCompactChanges } from './compact-changes.js';

const at = '2026-11-27T10:00:00.000Z';
const events: ChangeEvent[] = [
  { kind: 'created', typename: 'Person', key: { id: 'p1' }, receiptId: 'r1', at },
  { kind: 'updated', typename: 'Reading', key: { sensor: 's1', seq: 4, ok: true }, at },
  { kind: 'deleted', typename: 'Person', key: { id: 'p2' }, receiptId: 'r2', at },
  {
    kind: 'connected',
    typename: 'Person',
    key: { id: 'p1' },
    relationship: 'KNOWS',
    field: 'knows',
    to: { typename: 'Person', key: { id: 'p3' } },
    receiptId: 'r1',
    at,
  },
  {
    kind: 'disconnected',
    typename: 'Person',
    key: { id: 'p1' },
    relationship: 'WORKS_AT',
    field: 'worksAt',
    to: { typename: 'Organization', key: { name: 'Acme' } },
    at: '2026-11-27T10:00:01.000Z',
  },
  {
    kind: 'receipt',
    receiptId: 'r1',
    status: 'COMPLETED',
    accepted: 3,
    written: 2,
    rejected: 1,
    skipped: 0,
    at,
  },
];

describe('compact change events', () => {
  it('round-trip every kind of event, in order, through JSON', () => {
    const text = JSON.stringify(compactChanges(events));
    const parsed: unknown = JSON.parse(text);
    expect(isCompactChanges(parsed)).toBe(true);
    expect(isCompactChanges(parsed) && expandChanges(parsed)).toEqual(events);
  });

  it('list each repeated string once', () => {
    const compact = compactChanges(events);
    expect(compact.s.filter((value) => value === 'Person')).toHaveLength(1);
    expect(compact.s.filter((value) => value === at)).toHaveLength(1);
    expect(compact.e[0]).toEqual(['c', 0, { id: 'p1' }, 1, 2]);
  });

  it('take a fraction of the bytes of the events as JSON for a batch of upserts', () => {
    const batch: ChangeEvent[] = Array.from({ length: 5000 }, (_, i) => ({
      kind: i % 3 === 0 ? 'created' : 'updated',
      typename: 'BenchItem',
      key: { id: `i${i}` },
      receiptId: '7c1e0a52-8f3c-4d8e-9a51-2f7b1c9e4d10',
      at,
    }));
    const plain = JSON.stringify(batch.map((event) => [changeMessageKey(event), event])).length;
    const compact = JSON.stringify(compactChanges(batch)).length;
    expect(compact * 4).toBeLessThan(plain);
  });

  it('leave out tuples that do not read as events', () => {
    const compact = {
      v: 2 as const,
      s: ['Person', at, 'r1', 'NOT_A_STATUS'],
      e: [
        ['x', 0, { id: 'p1' }, -1, 1],
        ['c', 9, { id: 'p1' }, -1, 1],
        ['c', 0, { id: { nested: true } }, -1, 1],
        ['c', 0, { id: 'p1' }, -1, 7],
        ['+', 0, { id: 'p1' }, -1, 1],
        ['r', 2, 3, 1, 1, 0, 0, 1],
        ['r', 2, 0, -1, 1, 0, 0, 1],
        'not a tuple',
        ['u', 0, { id: 'p9' }, 2, 1],
      ],
    };
    expect(expandChanges(compact)).toEqual([
      { kind: 'updated', typename: 'Person', key: { id: 'p9' }, receiptId: 'r1', at },
    ]);
    expect(isCompactChanges({ v: 1, s: [], e: [] })).toBe(false);
    expect(isCompactChanges([['Person:p1', {}]])).toBe(false);
  });
});

describe('changeMessageKey', () => {
  const model = parseGraphModel(/* GraphQL */ `
    type Person @node @key(fields: "id") {
      id: ID! @id
      knows: [Person!]! @relationship(type: "KNOWS", direction: OUT)
    }
    type Reading @node @key(fields: "sensor seq") {
      sensor: String!
      seq: Int!
    }
  `);
  const person = model.nodes.get('Person');
  const reading = model.nodes.get('Reading');
  const receipt = { id: 'r1', source: 'test', accepted: 1, createdAt: at };

  it('names each event as the subject its batch planned did', () => {
    if (!person || !reading) throw new Error('model');
    const messages = [
      nodeChangeMessage(nodeSubject({ node: person, key: ['p1'] }, receipt), 'created', at),
      nodeChangeMessage(nodeSubject({ node: reading, key: ['s1', 4] }, receipt), 'updated', at),
      relationshipChangeMessage(
        relationshipSubject(
          { node: person, key: ['p1'] },
          { type: 'KNOWS', field: 'knows' },
          { node: person, key: ['p2'] },
          receipt,
        ),
        'connected',
        at,
      ),
      receiptChangeMessage(
        {
          id: 'r1',
          accepted: 1,
          written: 1,
          rejected: 0,
          skipped: 0,
          refused: 0,
          receiving: false,
        },
        at,
      ),
    ];
    expect(messages.map(({ key }) => key)).toEqual([
      'Person:p1',
      'Reading:["s1",4]',
      'Person:p1',
      'IngestionReceipt:r1',
    ]);
    for (const { key, event } of messages) expect(changeMessageKey(event)).toBe(key);
  });
});
