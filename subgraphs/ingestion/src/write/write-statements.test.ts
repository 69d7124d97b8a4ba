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
import { nodeUpsertStatement, type UpsertRow } from './node-upsert-statement.js';
import {
  claimOffsetStatement,
  readOffsetStatement,
  readOutboxStatement,
  storeOffsetStatement,
} from './offset-statements.js';
import { openUploadStatement, sealUploadStatement } from '../receipts/upload-statements.js';
import {
  claimIdempotencyKeyStatements,
  releaseClaimStatement,
} from '../receipts/idempotency-statements.js';
import {
  connectStatement,
  disconnectStatement,
  missingEndsStatement,
  nodeDeleteStatement,
} from './relationship-statements.js';

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
  it('MERGEs on the primary label and key, and sets the given properties and the other labels', () => {
    const rows: UpsertRow[] = [[0, 'p1', { name: 'Ada', sc: 0.5 }]];
    expect(nodeUpsertStatement(person, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MERGE (n:`Person` {`id`: row[1]})',
        // Marks the nodes it creates, for as long as the statement runs: the `created` it answers.
        'ON CREATE SET n.`__memgateCreated` = true',
        'SET n += row[2], n:`Agent`',
        'WITH row, n, n.`__memgateCreated` IS NOT NULL AS isNew',
        'REMOVE n.`__memgateCreated`',
        'RETURN collect(row[0]) AS rows, collect(CASE WHEN isNew THEN row[0] END) AS created',
      ].join('\n'),
      params: { rows },
    });
  });

  it('matches every field of a composite key', () => {
    const { text } = nodeUpsertStatement(reading, []);
    expect(text).toContain('MERGE (n:`Reading` {`sensor`: row[1][0], `seq`: row[1][1]})');
    expect(text).toContain('SET n += row[2]\n');
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
        'ON CREATE SET r.written = 0, r.rejected = 0, r.skipped = 0, r.updatedAt = $createdAt',
        'SET r.source = $source, r.accepted = $accepted, r.createdAt = $createdAt, r += $entityKeys,',
        '  r.enqueuedAt = coalesce(r.enqueuedAt, $createdAt)',
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
    const error = { topic: 't', partition: 0, offset: '7', reason: 'age: expected an Int' };
    const statement = receiptProgressStatement(
      labels.receipt,
      [{ receipt, written: 2, rejected: 1, skipped: 3, accepted: 0, errors: [error] }],
      now,
    );
    expect(statement).toEqual({
      text: [
        'UNWIND $receipts AS receipt',
        'MERGE (r:`MemgateReceipt` {`id`: receipt.id})',
        'ON CREATE SET r.source = receipt.source, r.accepted = receipt.accepted, r.createdAt = receipt.createdAt, r.written = 0, r.rejected = 0, r.skipped = 0',
        'SET r.written = r.written + receipt.written, r.rejected = r.rejected + receipt.rejected,',
        '  r.skipped = coalesce(r.skipped, 0) + receipt.skipped, r.accepted = r.accepted + receipt.acceptedHere,',
        '  r.enqueuedAt = coalesce(r.enqueuedAt, receipt.createdAt),',
        '  r.errors = CASE WHEN size(receipt.errors) = 0 THEN r.errors ELSE (coalesce(r.errors, []) + receipt.errors)[0..100] END,',
        '  r.updatedAt = $now',
        'RETURN r.id AS id, r.accepted AS accepted, r.written AS written, r.rejected AS rejected,',
        '  coalesce(r.skipped, 0) AS skipped, coalesce(r.refused, 0) AS refused, coalesce(r.receiving, false) AS receiving',
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
            skipped: neo4j.int(3),
            acceptedHere: neo4j.int(0),
            errors: [JSON.stringify(error)],
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
  const where = { group: 'writers', topic: 'memgate.graph-ops', partition: 2 };
  const applied = { ...where, reached: { offset: 41n, index: undefined } };

  it("only move forward, and keep the batch's change events (the outbox)", () => {
    expect(
      storeOffsetStatement(labels.offset, applied, { changes: '[["Person:p1",{}]]', from: '40' }),
    ).toEqual({
      text: [
        'MERGE (o:`MemgateOffset` {`key`: $key})',
        'WITH o, o.lastOffset IS NULL OR o.lastOffset < $lastOffset OR',
        '  (o.lastOffset = $lastOffset AND o.lastIndex IS NOT NULL AND ($lastIndex IS NULL OR o.lastIndex < $lastIndex)) AS ahead',
        'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId,',
        '  o.lastOffset = CASE WHEN ahead THEN $lastOffset ELSE o.lastOffset END,',
        '  o.lastIndex = CASE WHEN ahead THEN $lastIndex ELSE o.lastIndex END,',
        '  o.changes = $changes, o.changesFrom = $changesFrom',
      ].join('\n'),
      params: {
        key: 'memgate.graph-ops/2/writers',
        consumerGroup: 'writers',
        topic: 'memgate.graph-ops',
        partitionId: neo4j.int(2),
        lastOffset: neo4j.int(41),
        lastIndex: null,
        changes: '[["Person:p1",{}]]',
        changesFrom: '40',
      },
    });
  });

  it('store the last record applied of a half-applied frame', () => {
    const halfway = { ...where, reached: { offset: 41n, index: 6 } };
    expect(
      storeOffsetStatement(labels.offset, halfway, { changes: null, from: '41' }).params,
    ).toMatchObject({ lastOffset: neo4j.int(41), lastIndex: neo4j.int(6) });
  });

  it('are locked and read first in every batch transaction', () => {
    expect(claimOffsetStatement(labels.offset, applied)).toEqual({
      text: [
        'MERGE (o:`MemgateOffset` {`key`: $key})',
        'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId',
        'RETURN o.lastOffset AS lastOffset, o.lastIndex AS lastIndex, o.changes AS changes, o.changesFrom AS changesFrom',
      ].join('\n'),
      params: {
        key: 'memgate.graph-ops/2/writers',
        consumerGroup: 'writers',
        topic: 'memgate.graph-ops',
        partitionId: neo4j.int(2),
      },
    });
  });

  it('are read per group, topic and partition', () => {
    expect(readOffsetStatement(labels.offset, 'writers', 'memgate.graph-ops', 2)).toEqual({
      text: 'MATCH (o:`MemgateOffset` {`key`: $key}) RETURN o.lastOffset AS lastOffset, o.lastIndex AS lastIndex',
      params: { key: 'memgate.graph-ops/2/writers' },
    });
    expect(readOutboxStatement(labels.offset, 'writers', 'memgate.graph-ops', 2)).toEqual({
      text: 'MATCH (o:`MemgateOffset` {`key`: $key}) RETURN o.changes AS changes, o.changesFrom AS changesFrom',
      params: { key: 'memgate.graph-ops/2/writers' },
    });
  });
});

describe('upload receipts', () => {
  it('are opened as receiving before the body is read', () => {
    expect(openUploadStatement(labels.receipt, { ...receipt, accepted: 0 })).toEqual({
      text: [
        'MERGE (r:`MemgateReceipt` {`id`: $id})',
        'ON CREATE SET r.written = 0, r.rejected = 0, r.skipped = 0',
        'SET r.source = $source, r.accepted = 0, r.createdAt = $createdAt, r.updatedAt = $createdAt,',
        '  r.receiving = true',
      ].join('\n'),
      params: {
        id: 'r1',
        source: 'upsertPeople',
        createdAt: toBoltDateTime('2024-05-01T12:00:00Z'),
      },
    });
  });

  it('are sealed with the final count, refused records joining the rejected ones', () => {
    const error = { topic: 't', partition: -1, offset: '-1', reason: 'line 3 is not JSON' };
    expect(
      sealUploadStatement(
        labels.receipt,
        'r1',
        { accepted: 7, refused: 1, errors: [error], releaseKey: true },
        now,
      ),
    ).toEqual({
      text: [
        'MATCH (r:`MemgateReceipt` {`id`: $id})',
        'WITH r, coalesce(r.receiving, false) AS sealing',
        'SET r.accepted = $accepted, r.refused = $refused,',
        '  r.rejected = r.rejected + CASE WHEN sealing THEN $refused ELSE 0 END,',
        '  r.errors = CASE WHEN NOT sealing OR size($errors) = 0 THEN r.errors ELSE (coalesce(r.errors, []) + $errors)[0..100] END,',
        '  r.receiving = null, r.enqueuedAt = coalesce(r.enqueuedAt, $now), r.updatedAt = $now,',
        '  r.idempotencyKey = CASE WHEN $releaseKey THEN null ELSE r.idempotencyKey END',
        'RETURN r.id AS id, r.accepted AS accepted, r.written AS written, r.rejected AS rejected,',
        '  coalesce(r.skipped, 0) AS skipped, coalesce(r.refused, 0) AS refused, coalesce(r.receiving, false) AS receiving',
      ].join('\n'),
      params: {
        id: 'r1',
        accepted: neo4j.int(7),
        refused: neo4j.int(1),
        errors: [JSON.stringify(error)],
        releaseKey: true,
        now: toBoltDateTime('2024-05-01T12:00:05.000Z'),
      },
    });
  });
});

describe('idempotency keys', () => {
  const times = {
    expiredBefore: new Date('2024-04-30T12:00:00Z'),
    abandonedBefore: new Date('2024-05-01T11:50:00Z'),
  };

  it('are freed when expired or abandoned, then claimed by MERGE on the unique key', () => {
    const [release, claim] = claimIdempotencyKeyStatements(
      labels.receipt,
      'crm:k1',
      receipt,
      times,
    );
    expect(release).toEqual({
      text: [
        'MATCH (r:`MemgateReceipt` {`idempotencyKey`: $key})',
        'WHERE r.createdAt < $expiredBefore OR ((r.enqueuedAt IS NULL OR r.receiving) AND r.createdAt < $abandonedBefore)',
        'SET r.idempotencyKey = null',
      ].join('\n'),
      params: {
        key: 'crm:k1',
        expiredBefore: toBoltDateTime('2024-04-30T12:00:00.000Z'),
        abandonedBefore: toBoltDateTime('2024-05-01T11:50:00.000Z'),
      },
    });
    expect(claim).toEqual({
      text: [
        'MERGE (r:`MemgateReceipt` {`idempotencyKey`: $key})',
        'ON CREATE SET r.id = $id, r.source = $source, r.accepted = $accepted, r.createdAt = $createdAt,',
        '  r.updatedAt = $createdAt, r.written = 0, r.rejected = 0, r.skipped = 0',
        'RETURN r.id AS id',
      ].join('\n'),
      params: {
        key: 'crm:k1',
        id: 'r1',
        source: 'upsertPeople',
        accepted: neo4j.int(3),
        createdAt: toBoltDateTime('2024-05-01T12:00:00Z'),
      },
    });
  });

  it('are released by receipt id, deleting the receipt if nothing was counted on it', () => {
    expect(releaseClaimStatement(labels.receipt, 'r1')).toEqual({
      text: [
        'MATCH (r:`MemgateReceipt` {`id`: $id})',
        'SET r.idempotencyKey = null',
        'WITH r WHERE r.written = 0 AND r.rejected = 0 AND coalesce(r.skipped, 0) = 0',
        'DETACH DELETE r',
      ].join('\n'),
      params: { id: 'r1' },
    });
  });
});

describe('the dialect guard', () => {
  it('finds nothing Memgraph would refuse in any statement the writers emit', () => {
    const organization = nodeOf(model, 'Organization');
    const field = (name: string) => {
      const found = person.fields.get(name);
      if (found?.kind !== 'relationship') throw new Error(name);
      return found;
    };
    const targets = [
      { from: person, field: field('knows'), to: person },
      { from: person, field: field('follows'), to: organization },
      { from: person, field: field('recorded'), to: reading },
    ];
    const statements: Statement[] = [
      nodeUpsertStatement(person, []),
      nodeUpsertStatement(reading, []),
      ...targets.flatMap((target) => [
        connectStatement(target, []),
        missingEndsStatement(target, []),
        disconnectStatement(target, []),
      ]),
      nodeDeleteStatement(person, []),
      nodeDeleteStatement(reading, []),
      claimOffsetStatement(labels.offset, { group: 'g', topic: 't', partition: 0 }),
      ...claimIdempotencyKeyStatements(labels.receipt, 'k', receipt, {
        expiredBefore: now,
        abandonedBefore: now,
      }),
      releaseClaimStatement(labels.receipt, 'r1'),
      openReceiptStatement(labels.receipt, receipt, new Map()),
      receiptProgressStatement(labels.receipt, [], now),
      findReceiptStatement(labels.receipt, 'r1'),
      storeOffsetStatement(
        labels.offset,
        { group: 'g', topic: 't', partition: 0, reached: { offset: 0n, index: 3 } },
        { changes: null, from: '0' },
      ),
      readOffsetStatement(labels.offset, 'g', 't', 0),
      readOutboxStatement(labels.offset, 'g', 't', 0),
      openUploadStatement(labels.receipt, receipt),
      sealUploadStatement(
        labels.receipt,
        'r1',
        { accepted: 1, refused: 0, errors: [], releaseKey: false },
        now,
      ),
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
