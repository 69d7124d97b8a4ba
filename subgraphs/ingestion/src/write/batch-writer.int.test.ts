import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedPipeline, type IsolatedPipeline } from '../../test/ingestion-harness.js';
import { testModel } from '../../test/test-model.js';
import { testOperations } from '../../test/test-operations.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { BatchWriter } from './batch-writer.js';
import { CREATED_MARKER } from './node-upsert-statement.js';
import type { WriteBatch } from './write-batch.js';

/**
 * The batch transaction on the real engine: the offset claim and the plan's
 * statements go out together (pipelined over Bolt), and a batch the graph
 * partly holds is rolled back and planned again.
 */
describe('a batch transaction on the engine', () => {
  let pipeline: IsolatedPipeline;
  let writer: BatchWriter;
  const letters: DeadLetter[] = [];
  const receipt = { id: 'r-int', source: 'people', accepted: 3, createdAt: '2024-05-01T12:00:00Z' };

  beforeAll(async () => {
    pipeline = await isolatedPipeline();
    writer = new BatchWriter(
      pipeline.graph,
      testModel(pipeline.suffix),
      { receipt: pipeline.config.receiptLabel, offset: pipeline.config.offsetLabel },
      { send: (sent) => Promise.resolve(void letters.push(...sent)) },
      { timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await pipeline.dispose();
  });

  const operations = testOperations(receipt);
  const person = (id: string, name: string) => operations.upsert('Person', [id], { name });
  const knows = (from: string, to: string) => operations.connect(from, to, { strength: 0.5 });
  const batch = (...records: [number, GraphOperation[]][]): WriteBatch => ({
    position: { group: 'writers', topic: 'ops-int', partition: 0 },
    records: records.map(([offset, operations]) => ({
      offset: String(offset),
      receipt,
      operations,
      deadLetter: { source: receipt.source, payload: { offset } },
    })),
  });
  const graphState = async () => {
    const [record] = await pipeline.graph.read({
      text: `MATCH (p:\`Person${pipeline.suffix}\`)
             OPTIONAL MATCH (p)-[k:KNOWS]->(q)
             WITH p, collect(q.id + '@' + toString(k.strength)) AS known ORDER BY p.id
             RETURN collect(p.id + '=' + p.name + '->' + reduce(s = '', x IN known | s + x)) AS people`,
      params: {},
    });
    return record?.get('people') as string[];
  };

  it('writes nodes and the relationships between them in one pipelined transaction', async () => {
    const summary = await writer.write(
      batch(
        [1, [person('a', 'Ada'), person('b', 'Bo')]],
        [2, [knows('a', 'b')]],
        [3, [knows('a', 'z')]],
      ),
    );
    expect(summary).toMatchObject({ written: 2, alreadyApplied: 0 });
    expect(summary.rejected.map((rejected) => rejected.reason)).toEqual([
      'Person.knows: no node Person:z to connect (yet)',
    ]);
    expect(summary.changes.map((change) => `${change.event.kind} ${change.key}`)).toEqual([
      'created Person:a',
      'created Person:b',
      'connected Person:a',
      'receipt IngestionReceipt:r-int',
    ]);
    expect(await graphState()).toEqual(['a=Ada->b@0.5', 'b=Bo->']);
    // The counters went out with the connect counting three records written;
    // the missing end moved one of them to rejected before the commit.
    const [stored] = await pipeline.graph.read({
      text: `MATCH (r:\`${pipeline.config.receiptLabel}\` {id: $id}) RETURN r.written AS written, r.rejected AS rejected, r.errors AS errors`,
      params: { id: receipt.id },
    });
    expect([Number(stored?.get('written')), Number(stored?.get('rejected'))]).toEqual([2, 1]);
    expect(
      (stored?.get('errors') as string[]).map((error) => JSON.parse(error) as unknown),
    ).toEqual([
      expect.objectContaining({
        offset: '3',
        reason: 'Person.knows: no node Person:z to connect (yet)',
      }),
    ]);
    expect(summary.changes.at(-1)?.event).toMatchObject({
      kind: 'receipt',
      written: 2,
      rejected: 1,
    });
  });

  it('rolls back what went out with the claim when the graph holds part of the batch, and writes only the rest', async () => {
    // Offsets 1–3 are applied above; a redelivery carries them again with new values, then offset 4.
    const summary = await writer.write(
      batch([3, [person('a', 'stale Ada')]], [4, [person('b', 'Bob'), person('c', 'Cy')]]),
    );
    expect(summary).toMatchObject({ written: 1, alreadyApplied: 1, rejected: [] });
    // The last applied batch's events come again first (its worker may have died before publishing them).
    expect(summary.changes.map((change) => `${change.event.kind} ${change.key}`)).toEqual([
      'created Person:a',
      'created Person:b',
      'connected Person:a',
      'receipt IngestionReceipt:r-int',
      'updated Person:b',
      'created Person:c',
      'receipt IngestionReceipt:r-int',
    ]);
    // The stale upsert sent with the claim left nothing behind.
    expect(await graphState()).toEqual(['a=Ada->b@0.5', 'b=Bob->', 'c=Cy->']);
    expect(letters.map((letter) => letter.offset)).toEqual(['3']);
  });

  it('tells the upserts that created their node from those that found one, and leaves no mark', async () => {
    // d is new and named twice in the batch, a is there already.
    const summary = await writer.write(
      batch([5, [person('d', 'Di')]], [6, [person('a', 'Ada L.')]], [7, [person('d', 'Dee')]]),
    );
    expect(summary.changes.map((change) => `${change.event.kind} ${change.key}`)).toEqual([
      'created Person:d',
      'updated Person:a',
      'receipt IngestionReceipt:r-int',
    ]);
    expect(await graphState()).toEqual(['a=Ada L.->b@0.5', 'b=Bob->', 'c=Cy->', 'd=Dee->']);
    const [marked] = await pipeline.graph.read({
      text: `MATCH (p:\`Person${pipeline.suffix}\`) WHERE p.\`${CREATED_MARKER}\` IS NOT NULL RETURN count(p) AS n`,
      params: {},
    });
    expect(Number(marked?.get('n'))).toBe(0);
  });
});
