import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { testOperations } from '../../test/test-operations.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import type { BatchRecord } from './write-batch.js';
import { planWrite, WritePlanner, type PlannedStep } from './write-plan.js';

const model = testModel();
const receipt = { id: 'r1', source: 'test', accepted: 9, createdAt: '2024-05-01T12:00:00Z' };

function record(offset: number, ...operations: GraphOperation[]): BatchRecord {
  return {
    offset: String(offset),
    receipt,
    operations,
    deadLetter: { source: 'test', payload: {} },
  };
}
const operations = testOperations(receipt);
const { upsert, connect, disconnect } = operations;
const remove = (key: string) => operations.remove('Person', [key]);

/** The first MERGE or MATCH line of each statement: what it writes. */
const shapeOf = (step: PlannedStep) =>
  step.statement.text.split('\n').find((line) => /^(MERGE|MATCH) /.test(line));
const shapes = (records: BatchRecord[]) => planWrite(model, records).steps.map(shapeOf);

describe('planWrite', () => {
  it('groups upserts per type in partition order, then connects, disconnects and deletes', () => {
    const plan = planWrite(model, [
      record(10, upsert('Person', ['p1'], { name: 'Ada', age: 36 })),
      record(11, remove('p9')),
      record(12, upsert('Reading', ['s1', 1], { value: 2.5 })),
      record(13, connect('p1', 'p2', { strength: 0.5 })),
      record(14, upsert('Person', ['p1'], { age: 37 })),
      record(15, disconnect('p3', 'p4')),
    ]);
    expect(plan.steps.map(shapeOf)).toEqual([
      'MERGE (n:`Person` {`id`: row[1]})',
      'MERGE (n:`Reading` {`sensor`: row[1][0], `seq`: row[1][1]})',
      'MATCH (a:`Person` {`id`: row[1]})',
      'MATCH (a:`Person` {`id`: row[1]})-[r:`KNOWS`]->(b:`Person` {`id`: row[2]})',
      'MATCH (n:`Person` {`id`: row[1]})',
    ]);
    expect(plan.steps[0]?.statement.params).toEqual({
      rows: [
        [0, 'p1', { name: 'Ada', age: neo4j.int(36) }],
        [1, 'p1', { age: neo4j.int(37) }],
      ],
    });
    // A composite key goes as the list of its values, in @key order.
    expect(plan.steps[1]?.statement.params).toEqual({
      rows: [[0, ['s1', neo4j.int(1)], { value: 2.5 }]],
    });
    expect(plan.steps[2]?.statement.params).toEqual({
      rows: [[0, 'p1', 'p2', { strength: 0.5 }]],
    });
    expect(plan.steps.map((step) => step.origins.map((origin) => origin.record))).toEqual([
      [0, 4],
      [2],
      [3],
      [5],
      [1],
    ]);
    expect(plan.steps[2]?.origins).toEqual([
      {
        record: 3,
        relationship: 'Person.knows',
        from: 'Person:p1',
        to: 'Person:p2',
        subject: {
          messageKey: 'Person:p1',
          id: 'Person:p1 knows Person:p2',
          node: { typename: 'Person', key: { id: 'p1' } },
          receiptId: receipt.id,
          relationship: {
            type: 'KNOWS',
            field: 'knows',
            to: { typename: 'Person', key: { id: 'p2' } },
          },
        },
      },
    ]);
    expect(plan.refused).toEqual(new Map());
  });

  it('starts a new segment where grouping would change the outcome', () => {
    // An upsert after a delete of the same node must come after it.
    expect(shapes([record(1, remove('p1')), record(2, upsert('Person', ['p1']))])).toEqual([
      'MATCH (n:`Person` {`id`: row[1]})',
      'MERGE (n:`Person` {`id`: row[1]})',
    ]);
    // A connect after a disconnect of the same pair, or after a delete of an end.
    expect(
      shapes([record(1, disconnect('p1', 'p2')), record(2, connect('p1', 'p2'))]),
    ).toHaveLength(2);
    expect(shapes([record(1, remove('p2')), record(2, connect('p1', 'p2'))])).toEqual([
      'MATCH (n:`Person` {`id`: row[1]})',
      'MATCH (a:`Person` {`id`: row[1]})',
    ]);
    // Operations on other entities commute: one segment.
    expect(
      shapes([
        record(1, remove('p1')),
        record(2, upsert('Person', ['p2'])),
        record(3, connect('p2', 'p3')),
      ]),
    ).toEqual([
      'MERGE (n:`Person` {`id`: row[1]})',
      'MATCH (a:`Person` {`id`: row[1]})',
      'MATCH (n:`Person` {`id`: row[1]})',
    ]);
  });

  it('writes a disconnect or a delete once per statement', () => {
    const plan = planWrite(model, [
      record(1, disconnect('p1', 'p2'), disconnect('p1', 'p2')),
      record(2, remove('p1'), remove('p1')),
    ]);
    expect(plan.steps.map((step) => (step.statement.params['rows'] as unknown[]).length)).toEqual([
      1, 1,
    ]);
  });

  it('refuses a record whole when one of its operations does not fit the model', () => {
    const plan = planWrite(model, [
      record(1, upsert('Person', ['p1']), upsert('Person', ['p2'], { age: 'old' })),
      record(2, upsert('Ghost', ['g'])),
      record(3, { ...connect('p1', 'p2'), field: 'knownBy' }),
      { ...record(4, upsert('Person', ['p4'])), rejection: 'unreadable message' },
      record(5, upsert('Person', ['p5'])),
    ]);
    expect(plan.refused).toEqual(
      new Map([
        [0, 'age: expected an Int, got "old".'],
        [1, 'the graph has no node type Ghost'],
        [2, 'Person has no outgoing relationship field "knownBy".'],
        [3, 'unreadable message'],
      ]),
    );
    expect(plan.steps[0]?.statement.params).toEqual({
      rows: [[0, 'p5', {}]],
    });
  });

  it('sends no properties for a relationship without a properties type', () => {
    const follow = connect('p1', 'p2', {}, { field: 'follows' });
    const plan = planWrite(model, [record(1, follow)]);
    expect(plan.steps[0]?.statement.text).not.toContain('row[3]');
    expect(plan.steps[0]?.statement.params).toEqual({ rows: [[0, 'p1', 'p2']] });
    // A property is still checked: the relationship has none to hold it.
    const refused = planWrite(model, [record(1, { ...follow, properties: { since: 2020 } })]);
    expect(refused.refused.get(0)).toMatch(/has no relationship property "since"/);
  });

  it('refuses an end of the wrong type for the field', () => {
    const plan = planWrite(model, [
      record(1, connect('p1', 's1', {}, { field: 'follows', toType: 'Reading', toKey: ['s1', 1] })),
    ]);
    expect(plan.refused.get(0)).toBe('Person.follows cannot end at a Reading.');
  });
});

describe('WritePlanner', () => {
  it('plans the same however the records are cut into parts', () => {
    // Upserts, connects, disconnects and deletes that start new segments, and refused records.
    const records = Array.from({ length: 1200 }, (_, n) => {
      const id = `p${n % 97}`;
      const other = `p${(n * 7) % 97}`;
      switch (n % 6) {
        case 0:
          return record(n, upsert('Person', [id], { name: `n${n}` }));
        case 1:
          return record(n, connect(id, other));
        case 2:
          return record(n, disconnect(id, other));
        case 3:
          return record(n, upsert('Nobody', [id]));
        case 4:
          return record(n, remove(other));
        default:
          return record(n, upsert('Person', [other], { age: n }), connect(other, id));
      }
    });
    const whole = planWrite(model, records);
    for (const size of [1, 7, 500, 1199]) {
      const planner = new WritePlanner(model);
      for (let start = 0; start < records.length; start += size) {
        planner.add(records.slice(start, start + size));
      }
      expect(planner.finish()).toEqual(whole);
    }
    expect(whole.refused.size).toBe(200);
    expect(whole.steps.length).toBeGreaterThan(4);
  });
});
