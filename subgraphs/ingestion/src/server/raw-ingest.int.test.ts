import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../test/ingestion-harness.js';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import { countRawRecords, readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';

const INGEST = /* GraphQL */ `
  mutation ($source: String!, $records: [JSON!]!, $key: String) {
    ingest(source: $source, records: $records, idempotencyKey: $key) {
      id
      source
      status
      accepted
      written
      rejected
      skipped
    }
  }
`;

/**
 * Raw records through the `contacts` mapping (test/fixtures/mappings), end
 * to end on the real broker and engine: nodes, relationships, receipt
 * counts, and exactly the bad records in the dead-letter topic.
 */
describe('raw ingest through a declarative mapping', () => {
  let pipeline: RunningPipeline;
  const label = (name: string) => `\`${name}${pipeline.suffix}\``;

  beforeAll(async () => {
    pipeline = await runningPipeline();
  });

  afterAll(() => pipeline.stop());

  const good = [
    {
      id: 'c1',
      name: '  Ada ',
      age: '36',
      tags: 'math,poetry',
      born: '1815-12-10',
      employer: { id: 'o1', name: 'Engines', role: 'analyst' },
      friends: [
        { id: 'c2', name: 'Charles' },
        { id: 'c3', name: 'Mary', strength: 0.9 },
      ],
    },
    { id: 'c4', name: 'Grace', active: 'no', employer: { id: 'o1', name: 'Engines' } },
  ];
  const skipped = [
    { id: 'c5', name: 'Gone', status: 'deleted' },
    { id: 'c6', name: 'Draft', draft: true },
  ];
  const bad = [
    { id: 'c7', name: 'Bad age', age: 'old' },
    { name: 'No key' },
    { id: 'c8', name: 'Unknown field', shoeSize: 44 },
    'not an object',
    { id: 'c9', name: 'Boom', explode: true },
  ];
  const reasons = [
    'nodes[0].properties.age (age): expected an Int, got "old"',
    'nodes[0] (Person) key id: no value at "id"',
    'unknown field shoeSize (the mapping is strict)',
    'a record must be a JSON object, got "not an object"',
    'hook: the hook cannot handle this record',
  ];

  it('writes what the mapping makes of each record; skips and rejects the others, dead-lettering exactly the bad ones', async () => {
    const records = [...good, ...skipped, ...bad];
    const accepted = await pipeline.accept(INGEST, { source: 'contacts', records });
    expect(accepted).toMatchObject({
      source: 'contacts',
      status: 'ACCEPTED',
      accepted: 9,
      written: 0,
    });

    expect(await pipeline.settled(accepted.id)).toMatchObject({
      status: 'COMPLETED',
      accepted: 9,
      written: 2,
      skipped: 2,
      rejected: 5,
    });
    const receipt = await pipeline.receipt(accepted.id);
    expect(receipt?.errors.map((error) => error.reason).sort()).toEqual([...reasons].sort());
    // Each error names the record's place in the request: the bad ones are the last five.
    const firstBad = good.length + skipped.length;
    expect(
      Object.fromEntries(receipt?.errors.map((error) => [error.reason, error.record]) ?? []),
    ).toEqual(Object.fromEntries(reasons.map((reason, at) => [reason, firstBad + at])));

    const people = await pipeline.graph.read({
      text: `MATCH (n:${label('Person')}) RETURN n.id AS id, n.name AS name, n.age AS age, n.active AS active, n.tags AS tags, toString(n.bornAt) AS born ORDER BY id`,
      params: {},
    });
    expect(people.map((record) => record.toObject())).toEqual([
      {
        id: 'c1',
        name: 'Ada',
        age: neo4j.int(36),
        active: true,
        tags: ['math', 'poetry'],
        born: '1815-12-10T00:00:00Z',
      },
      { id: 'c2', name: 'Charles', age: null, active: null, tags: null, born: null },
      { id: 'c3', name: 'Mary', age: null, active: null, tags: null, born: null },
      { id: 'c4', name: 'Grace', age: null, active: false, tags: null, born: null },
    ]);
    const links = await pipeline.graph.read({
      text: `MATCH (a:${label('Person')})-[r]->(b) RETURN a.id + ' -' + type(r) + '-> ' + b.id AS link, coalesce(r.role, toString(r.strength), '') AS detail ORDER BY link`,
      params: {},
    });
    expect(
      links.map((record) => `${String(record.get('link'))} ${String(record.get('detail'))}`.trim()),
    ).toEqual([
      'c1 -KNOWS-> c2 0.5',
      'c1 -KNOWS-> c3 0.9',
      'c1 -WORKS_AT-> o1 analyst',
      'c4 -WORKS_AT-> o1',
    ]);
    const [organizations] = await pipeline.graph.read({
      text: `MATCH (n:${label('Organization')}) RETURN count(n) AS n`,
      params: {},
    });
    expect(organizations?.get('n')).toEqual(neo4j.int(1));

    const letters = (await readTopic(pipeline.kafkaBrokers, pipeline.topics.deadLetters)).map(
      (message) => decodeDeadLetter(message.value),
    );
    expect(letters).toHaveLength(bad.length);
    expect(
      letters
        .map((letter) => ({
          source: letter?.source,
          topic: letter?.topic,
          receiptId: letter?.receiptId,
          reason: letter?.reason,
          payload: letter?.payload,
        }))
        .sort((a, b) => String(a.reason).localeCompare(String(b.reason))),
    ).toEqual(
      bad
        .map((payload, index) => ({
          source: 'contacts',
          topic: pipeline.topics.raw('contacts'),
          receiptId: accepted.id,
          reason: reasons[index],
          payload,
        }))
        .sort((a, b) => String(a.reason).localeCompare(String(b.reason))),
    );
  });

  it('queues a request once for one idempotency key: the repeat answers the original receipt', async () => {
    const records = [
      { id: 'k1', name: 'Katherine' },
      { id: 'k2', name: 'Dorothy' },
    ];
    const before = await countRawRecords(pipeline.kafkaBrokers, pipeline.topics.raw('contacts'));
    const first = await pipeline.accept(INGEST, { source: 'contacts', records, key: 'batch-42' });
    const second = await pipeline.accept(INGEST, { source: 'contacts', records, key: 'batch-42' });
    expect(second.id).toBe(first.id);
    expect(await pipeline.settled(first.id)).toMatchObject({
      status: 'COMPLETED',
      accepted: 2,
      written: 2,
    });
    const third = await pipeline.accept(INGEST, { source: 'contacts', records, key: 'batch-42' });
    expect(third).toMatchObject({ id: first.id, status: 'COMPLETED', written: 2 });
    expect(await countRawRecords(pipeline.kafkaBrokers, pipeline.topics.raw('contacts'))).toBe(
      before + 2,
    );

    const [stored] = await pipeline.graph.read({
      text: `MATCH (r:${label('MemgateReceipt')} {idempotencyKey: 'contacts:batch-42'}) RETURN count(r) AS n, collect(r.id) AS ids`,
      params: {},
    });
    expect(stored?.toObject()).toEqual({ n: neo4j.int(1), ids: [first.id] });
    // Another source has its own keys.
    await expect(
      postGraphQL(pipeline.url, INGEST, { source: 'nope', records, key: 'batch-42' }),
    ).resolves.toMatchObject({
      errors: [
        {
          message: 'Unknown source "nope". Known sources: contacts.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
});
