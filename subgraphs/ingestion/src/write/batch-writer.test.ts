import type { Statement } from '@memgate/cypher';
import neo4j, { type Record as BoltRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeOutbox } from '../changes/change-outbox.js';
import { testModel } from '../../test/test-model.js';
import { testOperations } from '../../test/test-operations.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { BatchWriter, type TransactionalGraph } from './batch-writer.js';
import type { BatchRecord, WriteBatch } from './write-batch.js';

const receipt = {
  id: 'r1',
  source: 'connectPersonKnows',
  accepted: 4,
  createdAt: '2024-05-01T12:00:00Z',
};
const labels = { receipt: 'MemgateReceipt', offset: 'MemgateOffset' };

function bolt(values: Record<string, unknown>): BoltRecord {
  return {
    get: (key: string) => values[key],
    has: (key: string) => key in values,
  } as unknown as BoltRecord;
}

/**
 * A statement row as the writer sends it: `[i, key, props]` (upsert) or
 * `[i, fromKey, toKey, props]` (connect); a Person's key is its id alone.
 */
type Row = readonly [i: number, first: unknown, second?: unknown, third?: unknown];

/** The single-field key at `row[at]`. */
const keyAt = (row: Row, at: 1 | 2): string => {
  const key = row[at];
  return typeof key === 'string' ? key : '';
};

interface ReceiptCounts {
  accepted: number;
  written: number;
  rejected: number;
  skipped: number;
}

interface Stored {
  offset?: number;
  /** The last record applied of a half-applied frame. */
  index?: number | null;
  changes?: string | null;
  changesFrom?: string;
}

/**
 * An engine holding the people in `existing` (upserts add to them), and
 * the offset and outbox of the partition. `slow`: every statement and the
 * commit take a turn of the event loop, as round trips do. `failOnce`: the
 * first statement matching it fails; with `retry`, the transaction is run
 * again, as the graph client does after a transient error.
 */
function fakeGraph(
  existing: string[],
  stored: Stored = {},
  {
    slow = false,
    failOnce,
    retry = false,
  }: { slow?: boolean; failOnce?: RegExp; retry?: boolean } = {},
) {
  let failed = false;
  /** Every statement run, rolled back or not; `committed` only those of committed transactions. */
  const statements: Statement[] = [];
  const committed: Statement[] = [];
  const events: string[] = [];
  const people = new Set(existing);
  /** Each receipt's counters, added to by every progress statement, as the engine's are. */
  const receipts = new Map<string, ReceiptCounts>();
  /** Most statements sent and not answered yet at one time. */
  const pipelining = { inFlight: 0, most: 0 };
  const graph: TransactionalGraph = {
    writeTransaction: async (work) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await attemptWork(work);
        } catch (error) {
          events.push('rollback');
          // As the graph client does: what the work threw is the cause of the error it sees.
          if (!retry || attempt > 1) throw new Error('the transaction failed', { cause: error });
        }
      }
    },
  };
  // A transaction that fails leaves the graph and the stored offset as they were.
  const attemptWork: TransactionalGraph['writeTransaction'] = async (work) => {
    events.push('begin');
    const before = { people: new Set(people), stored: { ...stored }, receipts: new Map(receipts) };
    const ran: Statement[] = [];
    try {
      const result = await work({ run: (statement) => answer(statement, ran) });
      // A commit is a round trip too: what is held until it ends must still be held meanwhile.
      if (slow) await new Promise((resolve) => setImmediate(resolve));
      events.push('commit');
      committed.push(...ran);
      return result;
    } catch (error) {
      people.clear();
      for (const person of before.people) people.add(person);
      receipts.clear();
      for (const [id, counts] of before.receipts) receipts.set(id, counts);
      const { offset, index, changes, changesFrom } = before.stored;
      Object.assign(stored, { offset, index, changes, changesFrom });
      throw error;
    }
  };
  const answer = async (statement: Statement, ran: Statement[]) => {
    pipelining.inFlight += 1;
    pipelining.most = Math.max(pipelining.most, pipelining.inFlight);
    try {
      return await answerNow(statement, ran);
    } finally {
      pipelining.inFlight -= 1;
    }
  };
  const answerNow = async (statement: Statement, ran: Statement[]) => {
    statements.push(statement);
    ran.push(statement);
    const rows = (statement.params['rows'] ?? []) as Row[];
    const text = statement.text;
    if (slow) {
      // Each statement takes a turn of the event loop, as a round trip to the engine does.
      await new Promise((resolve) => setImmediate(resolve));
      const writes = /^MERGE \((n|a)/m.exec(text)?.[1];
      if (writes)
        events.push(`${writes === 'n' ? 'upsert' : 'connect'} ${keyAt(rows[0] as Row, 1)}`);
    }
    if (failOnce?.test(text) && !failed) {
      failed = true;
      throw new Error('the engine refused');
    }
    if (text.endsWith('o.changesFrom AS changesFrom')) {
      return Promise.resolve([
        bolt({
          lastOffset: stored.offset === undefined ? null : neo4j.int(stored.offset),
          lastIndex: typeof stored.index === 'number' ? neo4j.int(stored.index) : null,
          changes: stored.changes ?? null,
          changesFrom: stored.changesFrom ?? null,
        }),
      ]);
    }
    if (text.includes('o.changes = $changes')) {
      stored.offset = Number(statement.params['lastOffset']);
      const lastIndex = statement.params['lastIndex'];
      stored.index = lastIndex === null ? null : Number(lastIndex);
      stored.changes = statement.params['changes'] as string | null;
      stored.changesFrom = statement.params['changesFrom'] as string;
      return Promise.resolve([]);
    }
    if (text.includes('MERGE (n')) {
      // Row by row, as the engine runs it: a row creates its node if no row before it did.
      const created: number[] = [];
      for (const row of rows) {
        if (!people.has(keyAt(row, 1))) created.push(row[0]);
        people.add(keyAt(row, 1));
      }
      return Promise.resolve([bolt({ rows: rows.map(([i]) => i), created })]);
    }
    if (text.includes('MERGE (a)-[r')) {
      const written = rows.filter((row) => people.has(keyAt(row, 1)) && people.has(keyAt(row, 2)));
      return Promise.resolve([bolt({ rows: written.map(([i]) => i) })]);
    }
    if (text.includes('AS fromFound')) {
      return Promise.resolve(
        rows.map((row) =>
          bolt({
            i: row[0],
            fromFound: people.has(keyAt(row, 1)),
            toFound: people.has(keyAt(row, 2)),
          }),
        ),
      );
    }
    if (text.startsWith('UNWIND $receipts')) {
      const progress = statement.params['receipts'] as Record<string, unknown>[];
      return Promise.resolve(
        progress.map((moved) => {
          const id = String(moved['id']);
          const was = receipts.get(id) ?? { accepted: 0, written: 0, rejected: 0, skipped: 0 };
          const by = (name: string) => {
            const value = moved[name];
            return neo4j.isInt(value) ? value.toNumber() : Number(value);
          };
          const counts = {
            accepted: was.accepted === 0 ? by('accepted') : was.accepted,
            written: was.written + by('written'),
            rejected: was.rejected + by('rejected'),
            skipped: was.skipped + by('skipped'),
          };
          receipts.set(id, counts);
          return bolt({ id, ...counts, refused: 0, receiving: false });
        }),
      );
    }
    return Promise.resolve([]);
  };
  const letters: DeadLetter[] = [];
  const sink = {
    send: (sent: readonly DeadLetter[]) => {
      events.push('dead letters');
      letters.push(...sent);
      return Promise.resolve();
    },
  };
  /** `topic reason count` of every count of dead letters the metrics were told of. */
  const deadLettered: string[] = [];
  const writer = new BatchWriter(graph, testModel(), labels, sink, {
    timeoutMs: 1000,
    metrics: {
      recordDeadLetter: (topic, reason, count) =>
        deadLettered.push(`${topic} ${reason} ${String(count)}`),
    },
  });
  return { writer, statements, committed, pipelining, events, letters, stored, deadLettered };
}

const operations = testOperations(receipt);
const connect = (from: string, to: string) => operations.connect(from, to);
const upsert = (id: string) => operations.upsert('Person', [id]);

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

/** What each statement was, as spans and metrics name it. */
const kindsOf = (statements: readonly Statement[]) => statements.map((statement) => statement.kind);

describe('BatchWriter', () => {
  it('locks the offset, writes, counts, stores the offset and dead-letters in one transaction', async () => {
    const { writer, statements, events, letters } = fakeGraph(['p1', 'p2']);
    const summary = await writer.write(
      batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p9')]], [7, []]),
      { now },
    );
    expect(events).toEqual(['begin', 'dead letters', 'commit']);
    // The counters go out with the connect, counting both connects written;
    // the missing end found, the record is counted again as rejected.
    expect(kindsOf(statements)).toEqual([
      'claimOffset',
      'connectRelationships',
      'receiptProgress',
      'missingEnds',
      'receiptProgress',
      'storeOffset',
    ]);
    const reason = 'Person.knows: no node Person:p9 to connect (yet)';
    expect(summary).toMatchObject({ written: 1, skipped: 1, alreadyApplied: 0 });
    expect(summary.changes.map((change) => change.event.kind)).toEqual(['connected', 'receipt']);
    expect(summary.rejected.map((rejected) => [rejected.record.offset, rejected.reason])).toEqual([
      ['6', reason],
    ]);
    expect(statements[2]?.params['receipts']).toEqual([
      expect.objectContaining({
        id: 'r1',
        written: neo4j.int(2),
        rejected: neo4j.int(0),
        skipped: neo4j.int(1),
        errors: [],
      }),
    ]);
    expect(statements[4]?.params['receipts']).toEqual([
      expect.objectContaining({
        id: 'r1',
        written: neo4j.int(-1),
        rejected: neo4j.int(1),
        skipped: neo4j.int(0),
        acceptedHere: neo4j.int(0),
        errors: [JSON.stringify({ topic: 'ops', partition: 2, offset: '6', reason })],
      }),
    ]);
    // The receipt's event gives the counters after the correction.
    expect(summary.changes[1]?.event).toMatchObject({ written: 1, rejected: 1, skipped: 1 });
    expect(statements[5]?.params['lastOffset']).toEqual(neo4j.int(7));
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
    const { writer, committed, events, letters } = fakeGraph(['p1', 'p2'], { offset: 6 });
    const summary = await writer.write(
      batch([5, [connect('p1', 'p9')]], [6, [connect('p1', 'p9')]]),
    );
    expect(summary).toEqual({
      written: 0,
      skipped: 0,
      rejected: [],
      alreadyApplied: 2,
      changes: [],
    });
    // The connect sent along with the claim was rolled back; what committed is the claim alone.
    expect(events).toEqual(['begin', 'rollback', 'begin', 'commit']);
    expect(committed).toHaveLength(1);
    expect(letters).toEqual([]);
  });

  it('writes only the part of a batch beyond the stored offset', async () => {
    const { writer } = fakeGraph(['p1', 'p2'], { offset: 5 });
    const summary = await writer.write(
      batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p2')]]),
    );
    expect(summary).toMatchObject({ written: 1, alreadyApplied: 1 });
  });

  it('writes the records of a half-applied frame beyond the stored one, storing how far it went', async () => {
    const { writer, stored } = fakeGraph(['p1', 'p2'], { offset: 5, index: 1 });
    const frame = (index: number, endsMessage: boolean): BatchRecord => ({
      offset: '5',
      index,
      endsMessage,
      receipt,
      operations: [connect('p1', 'p2')],
      deadLetter: { source: 's', payload: {} },
    });
    const halfway = await writer.write({
      position: { group: 'writers', topic: 'ops', partition: 2 },
      records: [frame(0, false), frame(1, false), frame(2, false)],
    });
    expect(halfway).toMatchObject({ written: 1, alreadyApplied: 2 });
    expect(stored).toMatchObject({ offset: 5, index: 2 });
    const done = await writer.write({
      position: { group: 'writers', topic: 'ops', partition: 2 },
      records: [frame(2, false), frame(3, true)],
    });
    expect(done).toMatchObject({ written: 1, alreadyApplied: 1 });
    // The whole message is applied: no index is kept.
    expect(stored).toMatchObject({ offset: 5, index: null });
  });

  it("counts an unreadable operation of a frame as rejected on the frame's receipt, as unreadable", async () => {
    const { writer, statements, deadLettered } = fakeGraph([]);
    const summary = await writer.write({
      position: { group: 'writers', topic: 'ops', partition: 2 },
      records: [
        {
          offset: '3',
          index: 0,
          endsMessage: true,
          receipt,
          operations: [],
          rejection: 'unreadable message: unknown operation "explode"',
          unreadable: true,
          deadLetter: { source: receipt.source, payload: { kind: 'explode' } },
        },
      ],
    });
    expect(summary.rejected).toHaveLength(1);
    expect(deadLettered).toEqual(['ops unreadable 1']);
    const progress = statements.find((statement) => statement.text.startsWith('UNWIND $receipts'));
    expect(progress?.params['receipts']).toEqual([
      expect.objectContaining({ id: 'r1', rejected: neo4j.int(1), written: neo4j.int(0) }),
    ]);
  });

  it('names the place of a rejected record of a frame in its dead letter', async () => {
    const { writer, letters } = fakeGraph([]);
    await writer.write({
      position: { group: 'writers', topic: 'ops', partition: 2 },
      records: [
        {
          offset: '3',
          index: 4,
          endsMessage: true,
          receipt,
          operations: [connect('p1', 'p2')],
          deadLetter: { source: 's', payload: { n: 1 } },
        },
      ],
    });
    expect(letters).toEqual([
      expect.objectContaining({
        topic: 'ops',
        partition: 2,
        offset: '3',
        index: 4,
        payload: { n: 1 },
      }),
    ]);
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

  it('says what each record changed, created apart from updated, and keeps it in the outbox', async () => {
    const { writer, stored } = fakeGraph(['p1']);
    const summary = await writer.write(
      batch(
        [3, [upsert('p1'), upsert('p2')]],
        [4, [upsert('p2'), connect('p1', 'p2')]],
        [5, [{ kind: 'deleteNode', type: 'Person', key: ['p1'], receipt }]],
      ),
      { now },
    );
    const at = '2024-05-01T12:00:05.000Z';
    const expected = [
      {
        key: 'Person:p1',
        event: { kind: 'updated', typename: 'Person', key: { id: 'p1' }, receiptId: 'r1', at },
      },
      {
        key: 'Person:p2',
        event: { kind: 'created', typename: 'Person', key: { id: 'p2' }, receiptId: 'r1', at },
      },
      {
        key: 'Person:p1',
        event: {
          kind: 'connected',
          typename: 'Person',
          key: { id: 'p1' },
          relationship: 'KNOWS',
          field: 'knows',
          to: { typename: 'Person', key: { id: 'p2' } },
          receiptId: 'r1',
          at,
        },
      },
      {
        key: 'IngestionReceipt:r1',
        event: {
          kind: 'receipt',
          receiptId: 'r1',
          status: 'ACCEPTED',
          accepted: 4,
          written: 3,
          rejected: 0,
          skipped: 0,
          at,
        },
      },
    ];
    // The fake engine reports no deleted row: a delete of nothing announces nothing.
    expect(summary.changes).toEqual(expected);
    expect(stored).toMatchObject({ offset: 5, changesFrom: '3' });
    expect(decodeOutbox(stored.changes, stored.changesFrom)).toEqual({
      messages: expected,
      from: '3',
    });
  });

  it('publishes the outbox again when a batch comes back with messages of the last applied batch', async () => {
    const outbox = [['Person:p1', { kind: 'created', typename: 'Person', key: { id: 'p1' } }]];
    const { writer, committed } = fakeGraph(['p1'], {
      offset: 6,
      changes: JSON.stringify(outbox),
      changesFrom: '5',
    });
    const redelivered = await writer.write(batch([6, [upsert('p1')]]));
    expect(redelivered.changes).toEqual([{ key: 'Person:p1', event: outbox[0]?.[1] }]);
    expect(committed).toHaveLength(1);

    // Seen again together with new records: the old events go out with the new ones.
    const mixed = await writer.write(batch([6, [upsert('p1')]], [7, [upsert('p3')]]), { now });
    expect(mixed.changes.map((change) => `${change.event.kind} ${change.key}`)).toEqual([
      'created Person:p1',
      'created Person:p3',
      'receipt IngestionReceipt:r1',
    ]);
  });

  it('does not publish the outbox for messages before the last applied batch', async () => {
    const { writer } = fakeGraph(['p1'], {
      offset: 9,
      changes: JSON.stringify([['Person:p1', { kind: 'created' }]]),
      changesFrom: '8',
    });
    expect((await writer.write(batch([6, [upsert('p1')]], [7, [upsert('p1')]]))).changes).toEqual(
      [],
    );
  });

  it("keeps the previous batch's events in the outbox while they are still being published", async () => {
    const { writer, stored } = fakeGraph(['p1'], { offset: 4 });
    const previous = {
      key: 'Person:p0',
      event: { kind: 'created', typename: 'Person', key: { id: 'p0' }, at: 'then' },
    } as const;
    const summary = await writer.write(batch([5, [upsert('p1')]]), {
      now,
      unpublished: { messages: [previous], from: '2' },
    });
    // Published by the batch before: not again, but kept until that is confirmed.
    expect(summary.changes.map((change) => change.key)).toEqual([
      'Person:p1',
      'IngestionReceipt:r1',
    ]);
    expect(stored.changesFrom).toBe('2');
    const outbox = decodeOutbox(stored.changes, stored.changesFrom);
    expect(outbox?.messages.map((message) => message.key)).toEqual([
      'Person:p0',
      'Person:p1',
      'IngestionReceipt:r1',
    ]);
  });

  it('sends the claim and the plan together: the engine is not kept waiting for each answer', async () => {
    const { writer, statements, pipelining } = fakeGraph(['p1'], {}, { slow: true });
    await writer.write(batch([5, [upsert('p1'), upsert('p2')]]), { now });
    // Claim, upsert and the receipt's counters were all sent before the first of them answered.
    expect(pipelining.most).toBe(3);
    expect(kindsOf(statements)).toEqual([
      'claimOffset',
      'upsertNodes',
      'receiptProgress',
      'storeOffset',
    ]);
  });

  it("sends the receipt's counters with the connect, and counts nothing again when every end is there", async () => {
    const { writer, statements, pipelining } = fakeGraph(['p1', 'p2', 'p3'], {}, { slow: true });
    const summary = await writer.write(
      batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p3')]]),
      {
        now,
      },
    );
    // Claim, connect and counters were in flight together.
    expect(pipelining.most).toBe(3);
    expect(kindsOf(statements)).toEqual([
      'claimOffset',
      'connectRelationships',
      'receiptProgress',
      'storeOffset',
    ]);
    expect(statements[2]?.params['receipts']).toEqual([
      expect.objectContaining({ written: neo4j.int(2), rejected: neo4j.int(0) }),
    ]);
    expect(summary.changes.map((change) => change.event)).toContainEqual(
      expect.objectContaining({ kind: 'receipt', written: 2, rejected: 0 }),
    );
  });

  it('asks why connect rows wrote nothing before anything after the connect runs', async () => {
    const { writer, statements } = fakeGraph(['p1', 'p2'], {}, { slow: true });
    const disconnect = operations.disconnect('p1', 'p2');
    const summary = await writer.write(batch([5, [connect('p1', 'p9')]], [6, [disconnect]]), {
      now,
    });
    expect(kindsOf(statements)).toEqual([
      'claimOffset',
      'connectRelationships',
      'missingEnds',
      'disconnectRelationships',
      'receiptProgress',
      'storeOffset',
    ]);
    expect(summary.rejected.map((rejected) => rejected.reason)).toEqual([
      'Person.knows: no node Person:p9 to connect (yet)',
    ]);
    // The missing end was known before the last window went out: the counters
    // sent with it count the record as rejected, and nothing is corrected.
    expect(statements[4]?.params['receipts']).toEqual([
      expect.objectContaining({ written: neo4j.int(1), rejected: neo4j.int(1) }),
    ]);
    expect(summary.changes.at(-1)?.event).toMatchObject({ written: 1, rejected: 1 });
  });

  it('rolls back what went out with the claim when the graph already holds part of the batch', async () => {
    // p2 is not in the graph yet: the upsert sent with the claim creates it, and the rollback removes it.
    const { writer, statements, committed, events } = fakeGraph(['p1'], { offset: 5 });
    const summary = await writer.write(batch([5, [upsert('p2')]], [6, [upsert('p3')]]), { now });
    expect(events).toEqual(['begin', 'rollback', 'begin', 'commit']);
    const upserted = (list: Statement[]) =>
      list
        .filter((statement) => statement.kind === 'upsertNodes')
        .map((statement) => (statement.params['rows'] as Row[]).map((row) => keyAt(row, 1)));
    expect(upserted(statements)).toEqual([['p2', 'p3'], ['p3']]);
    expect(upserted(committed)).toEqual([['p3']]);
    expect(summary).toMatchObject({ written: 1, alreadyApplied: 1 });
    expect(summary.changes.map((change) => `${change.event.kind} ${change.key}`)).toEqual([
      'created Person:p3',
      'receipt IngestionReceipt:r1',
    ]);
    // The counters sent with the claim (two records written) were rolled back with it.
    expect(summary.changes[1]?.event).toMatchObject({ kind: 'receipt', written: 1 });
  });

  it('counts a corrected batch once when its transaction is run again', async () => {
    // The offset fails once, after the counters and their correction ran: both are rolled back.
    const { writer, events } = fakeGraph(
      ['p1', 'p2'],
      {},
      { failOnce: /o\.changes = \$changes/, retry: true },
    );
    const summary = await writer.write(
      batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p9')]], [7, []]),
      { now },
    );
    expect(events).toEqual(['begin', 'rollback', 'begin', 'dead letters', 'commit']);
    expect(summary.changes.at(-1)?.event).toMatchObject({ written: 1, rejected: 1, skipped: 1 });
  });

  it('fails a batch whose receipt cannot be counted, with its claim failing too, and leaves nothing', async () => {
    // The counters sent with the claim cannot be built (a date that is not
    // ISO-8601): the work throws before it awaits the claim, whose own
    // failure must not go unhandled meanwhile (vitest fails the run if it does).
    const { writer, events, committed } = fakeGraph(['p1'], {}, { failOnce: /AS lastOffset/ });
    const badReceipt = { ...receipt, createdAt: 'yesterday' };
    const record = { ...batch([5, [upsert('p2')]]).records[0], receipt: badReceipt };
    const broken = { ...batch(), records: [record as BatchRecord] };
    const failure = await writer.write(broken, { now }).catch((error: unknown) => error);
    expect(((failure as Error).cause as Error).message).toMatch(/"yesterday" is not an ISO-8601/);
    expect(events).toEqual(['begin', 'rollback']);
    expect(committed).toEqual([]);
  });

  it('plans again, without a rollback, when nothing went out with the claim', async () => {
    // Neither record fits the model: the plan has no statements to send ahead.
    const unknownType: GraphOperation = { ...upsert('p1'), type: 'Nobody' };
    const { writer, events } = fakeGraph(['p1'], { offset: 5 });
    const summary = await writer.write(batch([5, [unknownType]], [6, [unknownType]]), { now });
    expect(events).toEqual(['begin', 'dead letters', 'commit']);
    expect(summary).toMatchObject({ alreadyApplied: 1, written: 0 });
    // Refused by its own index among what is left: the record at offset 6.
    expect(summary.rejected.map(({ record }) => record.offset)).toEqual(['6']);
  });

  it('runs everything again when a statement sent ahead fails with a transient error', async () => {
    const { writer, events, committed } = fakeGraph(
      ['p1'],
      {},
      { failOnce: /MERGE \(a\)-/, retry: true },
    );
    const summary = await writer.write(batch([5, [upsert('p3'), connect('p1', 'p3')]]), { now });
    expect(events).toEqual(['begin', 'rollback', 'begin', 'commit']);
    expect(kindsOf(committed)).toEqual([
      'claimOffset',
      'upsertNodes',
      'connectRelationships',
      'receiptProgress',
      'storeOffset',
    ]);
    // p3 was created by the rolled-back attempt too: the retry still sees it as new.
    expect(summary.changes.map((change) => `${change.event.kind} ${change.key}`)).toEqual([
      'created Person:p3',
      'connected Person:p1',
      'receipt IngestionReceipt:r1',
    ]);
  });

  it('names each statement by kind for spans and metrics, never by its text', async () => {
    const { writer, statements } = fakeGraph(['p1', 'p2']);
    await writer.write(batch([5, [upsert('p3'), connect('p1', 'p9')]], [6, [upsert('p4')]]), {
      now,
    });
    expect(kindsOf(statements)).toEqual([
      'claimOffset',
      'upsertNodes',
      'connectRelationships',
      'receiptProgress',
      'missingEnds',
      'receiptProgress',
      'storeOffset',
    ]);
  });

  it('counts dead letters by source topic and why the record was rejected', async () => {
    const { writer, deadLettered } = fakeGraph(['p1']);
    const unreadable: BatchRecord = {
      offset: '8',
      receipt: undefined,
      operations: [],
      rejection: 'unreadable message: the message is not JSON',
      unreadable: true,
      deadLetter: { source: 'ops', payload: 'garbage' },
    };
    const refusedByMapping: BatchRecord = {
      offset: '9',
      receipt,
      operations: [],
      rejection: 'a record must be a JSON object, got an array',
      deadLetter: { source: 'crm', payload: [] },
    };
    const notInModel: GraphOperation = { ...upsert('p5'), type: 'Planet' };
    const written = batch(
      [5, [connect('p1', 'p9')]],
      [6, [connect('p1', 'p8')]],
      [7, [notInModel]],
    );
    await writer.write(
      { ...written, records: [...written.records, unreadable, refusedByMapping] },
      { now },
    );
    expect(deadLettered.sort()).toEqual([
      'ops invalid_operation 1',
      'ops mapping_rejected 1',
      'ops missing_end 2',
      'ops unreadable 1',
    ]);

    const refusing = fakeGraph([]);
    await refusing.writer.write(batch([5, [upsert('p1')]]), { refuseAll: 'the engine refused it' });
    expect(refusing.deadLettered).toEqual(['ops engine_refused 1']);
  });

  it('counts no dead letters when nothing was rejected', async () => {
    const { writer, deadLettered } = fakeGraph(['p1', 'p2']);
    await writer.write(batch([5, [connect('p1', 'p2')]]), { now });
    expect(deadLettered).toEqual([]);
  });
});

describe('the write lane', () => {
  const onPartition = (written: WriteBatch, partition: number): WriteBatch => ({
    ...written,
    position: { ...written.position, partition },
  });

  it('lets one batch at a time write relationships, for its whole transaction', async () => {
    const { writer, events } = fakeGraph(['p1', 'p2', 'p3', 'p4'], {}, { slow: true });
    await Promise.all([
      writer.write(onPartition(batch([5, [connect('p1', 'p2')]]), 0)),
      writer.write(onPartition(batch([8, [connect('p3', 'p4')]]), 1)),
    ]);
    // The second began only once the first had committed: it waited holding nothing.
    expect(events).toEqual(['begin', 'connect p1', 'commit', 'begin', 'connect p3', 'commit']);
  });

  it('makes a batch that upserts and connects wait its turn before any of its statements', async () => {
    const { writer, events } = fakeGraph(['p1', 'p2', 'p3', 'p4'], {}, { slow: true });
    await Promise.all([
      writer.write(onPartition(batch([5, [connect('p1', 'p2')]]), 0)),
      writer.write(onPartition(batch([8, [upsert('p5'), connect('p5', 'p4')]]), 1)),
    ]);
    expect(events).toEqual([
      'begin',
      'connect p1',
      'commit',
      'begin',
      'upsert p5',
      'connect p5',
      'commit',
    ]);
  });

  it('lets batches that only upsert write side by side, next to a batch in the lane', async () => {
    const { writer, events } = fakeGraph(['p1', 'p2'], {}, { slow: true });
    await Promise.all([
      writer.write(onPartition(batch([5, [connect('p1', 'p2')]]), 0)),
      writer.write(onPartition(batch([8, [upsert('p3')]]), 1)),
      writer.write(onPartition(batch([9, [upsert('p4')]]), 2)),
    ]);
    expect(events).toEqual([
      'begin',
      'begin',
      'begin',
      'connect p1',
      'upsert p3',
      'upsert p4',
      'commit',
      'commit',
      'commit',
    ]);
  });

  it('keeps the turn while the graph client retries the transaction', async () => {
    // The first receipt statement fails once, after the relationship was written.
    const { writer, events } = fakeGraph(
      ['p1', 'p2', 'p3', 'p4'],
      {},
      {
        slow: true,
        failOnce: /^UNWIND \$receipts/,
        retry: true,
      },
    );
    await Promise.all([
      writer.write(onPartition(batch([5, [connect('p1', 'p2')]]), 0)),
      writer.write(onPartition(batch([8, [connect('p3', 'p4')]]), 1)),
    ]);
    expect(events).toEqual([
      'begin',
      'connect p1',
      'rollback',
      'begin',
      'connect p1',
      'commit',
      'begin',
      'connect p3',
      'commit',
    ]);
  });

  it('hands the turn on when a batch fails', async () => {
    const { writer, events } = fakeGraph(
      ['p1', 'p2', 'p3', 'p4'],
      {},
      {
        slow: true,
        failOnce: /^UNWIND \$receipts/,
      },
    );
    const results = await Promise.allSettled([
      writer.write(onPartition(batch([5, [connect('p1', 'p2')]]), 0)),
      writer.write(onPartition(batch([8, [connect('p3', 'p4')]]), 1)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
    expect(events).toEqual(['begin', 'connect p1', 'rollback', 'begin', 'connect p3', 'commit']);
  });

  it('plans again what the graph does not hold yet when it holds part of the batch', async () => {
    const { writer, committed } = fakeGraph(['p1', 'p2', 'p3'], { offset: 5 });
    await writer.write(batch([5, [connect('p1', 'p2')]], [6, [connect('p1', 'p3')]]));
    const connectRows = committed.find((statement) => statement.text.includes('MERGE (a)-[r'))
      ?.params['rows'];
    expect(connectRows).toEqual([[0, 'p1', 'p3', {}]]);
  });
});
