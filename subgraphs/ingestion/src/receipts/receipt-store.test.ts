import type { Statement } from '@memgate/cypher';
import neo4j, { type Record as BoltRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { ReceiptStore, type ReceiptGraph } from './receipt-store.js';

function graphReturning(
  rows: Record<string, unknown>[],
  claimedId = 'r1',
): ReceiptGraph & { statements: Statement[] } {
  const statements: Statement[] = [];
  const records = rows.map(
    (properties) => ({ get: () => ({ properties }) }) as unknown as BoltRecord,
  );
  return {
    statements,
    read: (statement) => {
      statements.push(statement);
      return Promise.resolve(records);
    },
    write: (statement) => {
      statements.push(statement);
      return Promise.resolve([]);
    },
    writeAll: (all) => {
      statements.push(...all);
      const claimed = { get: () => claimedId } as unknown as BoltRecord;
      return Promise.resolve([[], [claimed]]);
    },
  };
}

const options = { label: 'MemgateReceipt', timeoutMs: 1000 };

describe('ReceiptStore.find', () => {
  it('turns the receipt node back into a receipt, with its keys per node type', async () => {
    const graph = graphReturning([
      {
        id: 'r1',
        source: 'upsertPeople',
        accepted: neo4j.int(2),
        written: neo4j.int(2),
        rejected: neo4j.int(0),
        createdAt: new neo4j.types.DateTime(2024, 5, 1, 12, 0, 0, 0, 0),
        updatedAt: new neo4j.types.DateTime(2024, 5, 1, 12, 0, 1, 0, 0),
        keys_Person: ['p1', 'p2'],
        keys_Unknown: ['x'],
        skipped: neo4j.int(1),
        errors: [
          JSON.stringify({ topic: 't', partition: 2, offset: '41', reason: 'bad age' }),
          'not json',
        ],
      },
    ]);
    const receipt = await new ReceiptStore(graph, testModel(), options).find('r1');
    expect(receipt).toEqual({
      id: 'r1',
      source: 'upsertPeople',
      accepted: 2,
      written: 2,
      rejected: 0,
      createdAt: '2024-05-01T12:00:00Z',
      updatedAt: '2024-05-01T12:00:01Z',
      entityKeys: new Map([['Person', ['p1', 'p2']]]),
      skipped: 1,
      errors: [{ topic: 't', partition: 2, offset: '41', reason: 'bad age' }],
    });
    expect(graph.statements[0]?.params).toEqual({ id: 'r1' });
  });

  it('answers null for an unknown id', async () => {
    expect(
      await new ReceiptStore(graphReturning([]), testModel(), options).find('nope'),
    ).toBeNull();
  });
});

describe('ReceiptStore idempotency claims', () => {
  const ref = { id: 'r2', source: 'crm', accepted: 3, createdAt: '2024-05-01T12:00:00Z' };
  const times = {
    expiredBefore: new Date('2024-04-30T12:00:00Z'),
    abandonedBefore: new Date('2024-05-01T11:50:00Z'),
  };

  it('frees an expired key and claims it in one transaction, answering the holder', async () => {
    const graph = graphReturning([], 'r-original');
    const holder = await new ReceiptStore(graph, testModel(), options).claim(ref, 'crm:k1', times);
    expect(holder).toBe('r-original');
    expect(graph.statements.map((statement) => statement.text.split('\n')[0])).toEqual([
      'MATCH (r:`MemgateReceipt` {`idempotencyKey`: $key})',
      'MERGE (r:`MemgateReceipt` {`idempotencyKey`: $key})',
    ]);
  });

  it('releases a claim by receipt id', async () => {
    const graph = graphReturning([]);
    await new ReceiptStore(graph, testModel(), options).release('r2');
    expect(graph.statements[0]?.params).toEqual({ id: 'r2' });
  });
});
