import type { Statement } from '@memgate/cypher';
import neo4j, { type Record as BoltRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { BatchWriter } from './batch-writer.js';
import type { BatchRecord, WriteBatch } from './write-batch.js';
import type { TransactionalGraph } from './write-transaction.js';

const receipt = {
  id: 'r1',
  source: 'connectPersonKnows',
  accepted: 4,
  createdAt: '2024-05-01T12:00:00Z',
};
const labels = { receipt: 'MemgateReceipt', offset: 'MemgateOffset' };

function bolt(values: Record<string, unknown>): BoltRecord {
  return { get: (key: string) => values[key] } as unknown as BoltRecord;
}

type Row = { i: number; fromKey: { id: string }; toKey: { id: string } };

/** An engine holding the people in `existing`, and an offset already stored. */
function fakeGraph(existing: string[], storedOffset?: number) {
  const statements: Statement[] = [];
  const events: string[] = [];
  const graph: TransactionalGraph = {
    writeTransaction: async (work) => {
      events.push('begin');
      const result = await work({
        run: (statement) => {
          statements.push(statement);
          const rows = (statement.params['rows'] ?? []) as Row[];
          if (statement.text.endsWith('RETURN o.lastOffset AS lastOffset')) {
            return Promise.resolve([
              bolt({ lastOffset: storedOffset === undefined ? null : neo4j.int(storedOffset) }),
            ]);
          }
          if (statement.text.endsWith('RETURN row.i AS i')) {
            const written = rows.filter(
              (row) => existing.includes(row.fromKey.id) && existing.includes(row.toKey.id),
            );
            return Promise.resolve(written.map((row) => bolt({ i: row.i })));
          }
          if (statement.text.includes('AS fromFound')) {
            return Promise.resolve(
              rows.map((row) =>
                bolt({
                  i: row.i,
                  fromFound: existing.includes(row.fromKey.id),
                  toFound: existing.includes(row.toKey.id),
                }),
              ),
            );
          }
          return Promise.resolve([]);
        },
      });
      events.push('commit');
      return result;
    },
  };
  const letters: DeadLetter[] = [];
  const sink = {
    send: (sent: readonly DeadLetter[]) => {
      events.push('dead letters');
      letters.push(...sent);
      return Promise.resolve();
    },
  };
  const writer = new BatchWriter(graph, testModel(), labels, sink, { timeoutMs: 1000 });
  return { writer, statements, events, letters };
}

const connect = (from: string, to: string): GraphOperation => ({
  kind: 'connect',
  type: 'Person',
  field: 'knows',
  from: [from],
  to: { type: 'Person', key: [to] },
  properties: {},
  receipt,
});

function batch(...records: [number, GraphOperation[]][]): WriteBatch {
  return {
    position: { group: 'writers', topic: 'ops', partition: 2 },
    records: records.map(([offset, operations]): BatchRecord => ({
      offset: String(offset),
      receipt,
      operations,
      deadLetter: { source: receipt.source, payload: { offset } },
    })),
  };
}

const now = new Date('2024-05-01T12:00:05Z');

describe('BatchWriter', () => {
  it('locks the offset, writes, counts, stores the offset and dead-letters in one transaction', async () => {
    const { writer, statements, events, letters } = fakeGraph(['p1', 'p2']);
    const summary = await writer.write(
      batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p9')]], [7, []]),
      { now },
    );
    expect(events).toEqual(['begin', 'dead letters', 'commit']);
    expect(statements.map((statement) => statement.text.split('\n')[0])).toEqual([
      'MERGE (o:`MemgateOffset` {`key`: $key})',
      'UNWIND $rows AS row',
      'UNWIND $rows AS row',
      'UNWIND $receipts AS receipt',
      'MERGE (o:`MemgateOffset` {`key`: $key})',
    ]);
    const reason = 'Person.knows: no node Person:p9 to connect (yet)';
    expect(summary).toMatchObject({ written: 1, skipped: 1, alreadyApplied: 0 });
    expect(summary.rejected.map((rejected) => [rejected.record.offset, rejected.reason])).toEqual([
      ['6', reason],
    ]);
    expect(statements[3]?.params['receipts']).toEqual([
      expect.objectContaining({
        id: 'r1',
        written: neo4j.int(1),
        rejected: neo4j.int(1),
        skipped: neo4j.int(1),
        errors: [JSON.stringify({ topic: 'ops', partition: 2, offset: '6', reason })],
      }),
    ]);
    expect(statements[4]?.params['lastOffset']).toEqual(neo4j.int(7));
    expect(letters).toEqual([
      {
        source: 'connectPersonKnows',
        topic: 'ops',
        partition: 2,
        offset: '6',
        receiptId: 'r1',
        reason,
        payload: { offset: 6 },
      },
    ]);
  });

  it('names both ends when neither exists', async () => {
    const { writer } = fakeGraph([]);
    const summary = await writer.write(batch([1, [connect('p1', 'p2')]]));
    expect(summary.rejected[0]?.reason).toBe(
      'Person.knows: no node Person:p1 and no node Person:p2 to connect (yet)',
    );
  });

  it('applies nothing the graph already holds: a retried or redelivered batch is harmless', async () => {
    const { writer, statements, letters } = fakeGraph(['p1', 'p2'], 6);
    const summary = await writer.write(
      batch([5, [connect('p1', 'p9')]], [6, [connect('p1', 'p9')]]),
    );
    expect(summary).toEqual({ written: 0, skipped: 0, rejected: [], alreadyApplied: 2 });
    expect(statements).toHaveLength(1);
    expect(letters).toEqual([]);
  });

  it('writes only the part of a batch beyond the stored offset', async () => {
    const { writer } = fakeGraph(['p1', 'p2'], 5);
    const summary = await writer.write(
      batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p2')]]),
    );
    expect(summary).toMatchObject({ written: 1, alreadyApplied: 1 });
  });

  it('rejects every record with the reason it is given, writing no data: the end of a bisection', async () => {
    const { writer, statements, letters } = fakeGraph(['p1', 'p2']);
    const summary = await writer.write(batch([9, [connect('p1', 'p2')]]), {
      refuseAll: 'the engine refused it: constraint',
    });
    expect(summary.rejected.map((rejected) => rejected.reason)).toEqual([
      'the engine refused it: constraint',
    ]);
    expect(statements.map((statement) => statement.text.split('\n')[0])).toEqual([
      'MERGE (o:`MemgateOffset` {`key`: $key})',
      'UNWIND $receipts AS receipt',
      'MERGE (o:`MemgateOffset` {`key`: $key})',
    ]);
    expect(letters).toHaveLength(1);
  });
});
