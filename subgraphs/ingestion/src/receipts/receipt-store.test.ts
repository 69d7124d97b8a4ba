import type { Statement } from '@memgate/cypher';
import neo4j, { type Record as BoltRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { ReceiptStore, type ReceiptGraph } from './receipt-store.js';

function graphReturning(
  rows: Record<string, unknown>[],
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
    });
    expect(graph.statements[0]?.params).toEqual({ id: 'r1' });
  });

  it('answers null for an unknown id', async () => {
    expect(
      await new ReceiptStore(graphReturning([]), testModel(), options).find('nope'),
    ).toBeNull();
  });
});
