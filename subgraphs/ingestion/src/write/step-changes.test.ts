import type { Record as BoltRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import { nodeSubject, relationshipSubject } from '../changes/change-subject.js';
import { reportedRows, stepChanges } from './step-changes.js';
import type { PlannedStep } from './write-plan.js';

const model = testModel();
const person = nodeOf(model, 'Person');
const receipt = { id: 'r1', source: 's', accepted: 3, createdAt: '2024-05-01T12:00:00Z' };
const at = '2024-05-01T12:00:05.000Z';
const result = (values: Record<string, unknown>): BoltRecord[] => [
  {
    get: (key: string) => values[key],
    has: (key: string) => key in values,
  } as unknown as BoltRecord,
];
const origin = (id: string, record = 0) => ({
  record,
  subject: nodeSubject({ node: person, key: [id] }, receipt),
});
const step = (kind: 'upsert' | 'delete', ids: string[]): PlannedStep => {
  const statement = { text: '', params: {} };
  const origins = ids.map((id, index) => origin(id, index));
  return { kind, statement, origins };
};

describe('stepChanges', () => {
  it('announces each upserted node once: created when any of its rows created it', () => {
    const changes = stepChanges(
      step('upsert', ['p1', 'p2', 'p1']),
      reportedRows(result({ rows: [0, 1, 2], created: [2] })),
      at,
    );
    expect(changes.map((change) => [change.key, change.event.kind])).toEqual([
      ['Person:p1', 'created'],
      ['Person:p2', 'updated'],
    ]);
  });

  it('announces only the rows the statement reports: a delete of nothing is no change', () => {
    expect(
      stepChanges(step('delete', ['p1', 'p2']), reportedRows(result({ rows: [1] })), at),
    ).toEqual([
      {
        key: 'Person:p2',
        event: { kind: 'deleted', typename: 'Person', key: { id: 'p2' }, receiptId: 'r1', at },
      },
    ]);
  });

  it('names both ends of a relationship', () => {
    const subject = relationshipSubject(
      { node: person, key: ['p1'] },
      { type: 'KNOWS', field: 'knows' },
      { node: person, key: ['p2'] },
      receipt,
    );
    const connect: PlannedStep = {
      kind: 'disconnect',
      statement: { text: '', params: {} },
      origins: [{ record: 0, subject }],
    };
    expect(stepChanges(connect, reportedRows(result({ rows: [0] })), at)[0]?.event).toEqual({
      kind: 'disconnected',
      typename: 'Person',
      key: { id: 'p1' },
      relationship: 'KNOWS',
      field: 'knows',
      to: { typename: 'Person', key: { id: 'p2' } },
      receiptId: 'r1',
      at,
    });
  });

  it('announces a relationship once per pair and field, however many rows name it', () => {
    const pair = (from: string, to: string) => ({
      record: 0,
      subject: relationshipSubject(
        { node: person, key: [from] },
        { type: 'KNOWS', field: 'knows' },
        { node: person, key: [to] },
        receipt,
      ),
    });
    const disconnects: PlannedStep = {
      kind: 'disconnect',
      statement: { text: '', params: {} },
      origins: [pair('p1', 'p2'), pair('p1', 'p2'), pair('p1', 'p3'), pair('p2', 'p1')],
    };
    const events = stepChanges(disconnects, reportedRows(result({ rows: [0, 1, 2, 3] })), at);
    expect(
      events.map(
        ({ key, event }) => `${key} -> ${'to' in event ? JSON.stringify(event.to.key) : ''}`,
      ),
    ).toEqual(['Person:p1 -> {"id":"p2"}', 'Person:p1 -> {"id":"p3"}', 'Person:p2 -> {"id":"p1"}']);
  });

  it('reads a statement that reported nothing as no rows', () => {
    expect(reportedRows([])).toEqual({ rows: [], created: new Set() });
  });

  it('counts as created the upserted rows the upsert says created their node', () => {
    expect(reportedRows(result({ rows: [0, 1, 2, 3], created: [0, 2] }))).toEqual({
      rows: [0, 1, 2, 3],
      created: new Set([0, 2]),
    });
    // Other statements say only which rows changed something.
    expect(reportedRows(result({ rows: [0, 1] }))).toEqual({ rows: [0, 1], created: new Set() });
  });
});
