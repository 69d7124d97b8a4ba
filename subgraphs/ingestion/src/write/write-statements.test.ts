import {
  ddlStatements,
  findDialectViolations,
  toBoltDateTime,
  type Statement,
} from '@memgate/cypher';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import {
  findReceiptStatement,
  openReceiptStatement,
  receiptProgressStatement,
} from '../receipts/receipt-statements.js';
import { bookkeepingIndexes } from './bookkeeping-schema.js';
import { nodeUpsertStatement } from './node-upsert-statement.js';
import { readOffsetStatement, storeOffsetStatement } from './offset-statements.js';
import { planWrite } from './write-plan.js';

/**
 * The exact Cypher text and parameters of every statement the ingestion
 * writers emit (the TCK style of the query subgraph), and the dialect guard
 * over all of them: what passes on the local Neo4j must also run on Memgraph.
 */
const model = testModel();
const person = nodeOf(model, 'Person');
const reading = nodeOf(model, 'Reading');
const labels = { receipt: 'MemgateReceipt', offset: 'MemgateOffset' };
const receipt = {
  id: 'r1',
  source: 'upsertPeople',
  accepted: 3,
  createdAt: '2024-05-01T12:00:00Z',
};
const now = new Date('2024-05-01T12:00:05.000Z');

describe('node upsert', () => {
  it('MERGEs on the primary label and key, sets the given properties and the other labels', () => {
    const rows = [{ key: { id: 'p1' }, props: { name: 'Ada', sc: 0.5 } }];
    expect(nodeUpsertStatement(person, rows)).toEqual({
      text: 'UNWIND $rows AS row\nMERGE (n:`Person` {`id`: row.key.`id`})\nSET n += row.props, n:`Agent`',
      params: { rows },
    });
  });

  it('matches every field of a composite key', () => {
    expect(nodeUpsertStatement(reading, []).text).toBe(
      'UNWIND $rows AS row\nMERGE (n:`Reading` {`sensor`: row.key.`sensor`, `seq`: row.key.`seq`})\nSET n += row.props',
    );
  });
});

describe('receipts', () => {
  it('are opened at acceptance without touching counters a worker may have moved', () => {
    const statement = openReceiptStatement(
      labels.receipt,
      receipt,
      new Map([['Person', ['p1', 'p2']]]),
    );
    expect(statement).toEqual({
      text: [
        'MERGE (r:`MemgateReceipt` {`id`: $id})',
        'ON CREATE SET r.written = 0, r.rejected = 0, r.updatedAt = $createdAt',
        'SET r.source = $source, r.accepted = $accepted, r.createdAt = $createdAt, r += $entityKeys',
      ].join('\n'),
      params: {
        id: 'r1',
        source: 'upsertPeople',
        accepted: neo4j.int(3),
        createdAt: toBoltDateTime('2024-05-01T12:00:00Z'),
        entityKeys: { keys_Person: ['p1', 'p2'] },
      },
    });
  });

  it('count progress in the batch transaction, creating the receipt if acceptance has not', () => {
    const statement = receiptProgressStatement(
      labels.receipt,
      [{ receipt, written: 2, rejected: 1 }],
      now,
    );
    expect(statement).toEqual({
      text: [
        'UNWIND $receipts AS receipt',
        'MERGE (r:`MemgateReceipt` {`id`: receipt.id})',
        'ON CREATE SET r.source = receipt.source, r.accepted = receipt.accepted, r.createdAt = receipt.createdAt, r.written = 0, r.rejected = 0',
        'SET r.written = r.written + receipt.written, r.rejected = r.rejected + receipt.rejected, r.updatedAt = $now',
      ].join('\n'),
      params: {
        receipts: [
          {
            id: 'r1',
            source: 'upsertPeople',
            accepted: neo4j.int(3),
            createdAt: toBoltDateTime('2024-05-01T12:00:00Z'),
            written: neo4j.int(2),
            rejected: neo4j.int(1),
          },
        ],
        now: toBoltDateTime('2024-05-01T12:00:05.000Z'),
      },
    });
  });

  it('are found by id', () => {
    expect(findReceiptStatement(labels.receipt, 'r1')).toEqual({
      text: 'MATCH (r:`MemgateReceipt` {`id`: $id}) RETURN r',
      params: { id: 'r1' },
    });
  });
});

describe('applied offsets', () => {
  const applied = { group: 'writers', topic: 'memgate.graph-ops', partition: 2, offset: '41' };

  it('only move forward', () => {
    expect(storeOffsetStatement(labels.offset, applied)).toEqual({
      text: [
        'MERGE (o:`MemgateOffset` {`key`: $key})',
        'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId,',
        '  o.lastOffset = CASE WHEN o.lastOffset IS NULL OR o.lastOffset < $lastOffset THEN $lastOffset ELSE o.lastOffset END',
      ].join('\n'),
      params: {
        key: 'memgate.graph-ops/2/writers',
        consumerGroup: 'writers',
        topic: 'memgate.graph-ops',
        partitionId: neo4j.int(2),
        lastOffset: neo4j.int(41),
      },
    });
  });

  it('are read per group, topic and partition', () => {
    expect(readOffsetStatement(labels.offset, 'writers', 'memgate.graph-ops', 2)).toEqual({
      text: 'MATCH (o:`MemgateOffset` {`key`: $key}) RETURN o.lastOffset AS lastOffset',
      params: { key: 'memgate.graph-ops/2/writers' },
    });
  });
});

describe('a batch transaction', () => {
  it('holds the upserts per type in partition order, the receipt counters, then the offset', () => {
    const upsert = (type: string, key: (string | number)[], fields: Record<string, unknown>) => ({
      kind: 'upsertNode' as const,
      type,
      key,
      fields: fields as Record<string, string | number>,
      receipt,
    });
    const plan = planWrite(
      model,
      labels,
      {
        operations: [
          { offset: '10', operation: upsert('Person', ['p1'], { name: 'Ada', age: 36 }) },
          { offset: '11', operation: upsert('Reading', ['s1', 1], { value: 2.5 }) },
          { offset: '12', operation: upsert('Person', ['p1'], { age: 37 }) },
          { offset: '13', operation: upsert('Person', ['p2'], { age: 'old' }) },
        ],
        applied: { group: 'writers', topic: 't', partition: 0, offset: '13' },
      },
      now,
    );
    expect(plan.statements.map((statement) => statement.text.split('\n')[1])).toEqual([
      'MERGE (n:`Person` {`id`: row.key.`id`})',
      'MERGE (n:`Reading` {`sensor`: row.key.`sensor`, `seq`: row.key.`seq`})',
      'MERGE (r:`MemgateReceipt` {`id`: receipt.id})',
      'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId,',
    ]);
    expect(plan.statements[0]?.params).toEqual({
      rows: [
        { key: { id: 'p1' }, props: { name: 'Ada', age: neo4j.int(36) } },
        { key: { id: 'p1' }, props: { age: neo4j.int(37) } },
      ],
    });
    expect(plan.statements[1]?.params).toEqual({
      rows: [{ key: { sensor: 's1', seq: neo4j.int(1) }, props: { value: 2.5 } }],
    });
    expect(plan.written).toBe(3);
    expect(plan.rejected).toEqual([
      expect.objectContaining({ offset: '13', reason: 'age: expected an Int, got "old".' }),
    ]);
    expect(plan.statements[2]?.params['receipts']).toEqual([
      expect.objectContaining({ id: 'r1', written: neo4j.int(3), rejected: neo4j.int(1) }),
    ]);
  });

  it('rejects operations on types the model does not have, and still records the offset', () => {
    const plan = planWrite(
      model,
      labels,
      {
        operations: [
          {
            offset: '5',
            operation: { kind: 'upsertNode', type: 'Ghost', key: ['g'], fields: {}, receipt },
          },
        ],
        applied: { group: 'writers', topic: 't', partition: 0, offset: '5' },
      },
      now,
    );
    expect(plan.written).toBe(0);
    expect(plan.rejected.map((rejected) => rejected.reason)).toEqual([
      'the graph has no node type Ghost',
    ]);
    expect(plan.statements).toHaveLength(2);
  });
});

describe('the dialect guard', () => {
  it('finds nothing Memgraph would refuse in any statement the writers emit', () => {
    const statements: Statement[] = [
      nodeUpsertStatement(person, []),
      nodeUpsertStatement(reading, []),
      openReceiptStatement(labels.receipt, receipt, new Map()),
      receiptProgressStatement(labels.receipt, [], now),
      findReceiptStatement(labels.receipt, 'r1'),
      storeOffsetStatement(labels.offset, { group: 'g', topic: 't', partition: 0, offset: '0' }),
      readOffsetStatement(labels.offset, 'g', 't', 0),
    ];
    const texts = [
      ...statements.map((statement) => statement.text),
      ...ddlStatements('memgraph', bookkeepingIndexes(labels)),
    ];
    for (const text of texts) {
      expect({ text, violations: findDialectViolations(text) }).toEqual({ text, violations: [] });
    }
  });
});
