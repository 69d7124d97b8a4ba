import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import { readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';

const RECEIPT_FIELDS = 'id status accepted written rejected skipped errors { reason }';

/** Connect, disconnect and delete through the API, on the real broker and engine, with exact counts. */
describe('relationship and delete mutations', () => {
  let pipeline: RunningPipeline;
  const label = (name: string) => `\`${name}${pipeline.suffix}\``;

  /** Every relationship between test nodes, as `from -TYPE-> to {properties}`. */
  const relationships = async (): Promise<string[]> => {
    const records = await pipeline.graph.read({
      text: `MATCH (a)-[r]->(b) WHERE (a:${label('Person')} OR a:${label('Organization')}) RETURN a.id AS a, type(r) AS type, coalesce(b.id, b.sensor + '/' + toString(b.seq)) AS b, properties(r) AS props ORDER BY a, type, b`,
      params: {},
    });
    return records.map((record) => {
      const props = record.get('props') as Record<string, unknown>;
      const shown = Object.keys(props)
        .sort()
        .map((key) => `${key}=${String(props[key])}`)
        .join(',');
      return `${String(record.get('a'))} -${String(record.get('type'))}-> ${String(record.get('b'))}${shown ? ` {${shown}}` : ''}`;
    });
  };

  const ids = async (name: string): Promise<string[]> =>
    (
      await pipeline.graph.read({
        text: `MATCH (n:${label(name)}) RETURN coalesce(n.id, n.sensor) AS id ORDER BY id`,
        params: {},
      })
    ).map((record) => String(record.get('id')));

  beforeAll(async () => {
    pipeline = await runningPipeline();
    const upserts = await Promise.all([
      pipeline.accept(
        `mutation { upsertPeople(input: [{ id: "p1", name: "Ada" }, { id: "p2", name: "Charles" }, { id: "p3", name: "Mary" }]) { ${RECEIPT_FIELDS} } }`,
      ),
      pipeline.accept(
        `mutation { upsertOrganizations(input: [{ id: "o1", name: "Engines" }]) { ${RECEIPT_FIELDS} } }`,
      ),
      pipeline.accept(
        `mutation { upsertReadings(input: [{ sensor: "s1", seq: 1, value: 2.5 }]) { ${RECEIPT_FIELDS} } }`,
      ),
    ]);
    for (const receipt of upserts)
      expect(await pipeline.settled(receipt.id)).toMatchObject({
        status: 'COMPLETED',
        rejected: 0,
      });
  });

  afterAll(() => pipeline.stop());

  it('connects existing nodes with typed properties, and rejects a connect to a missing node with the reason', async () => {
    const knows = await pipeline.accept(
      /* GraphQL */ `
        mutation ($input: [PersonKnowsConnectInput!]!) {
          connectPersonKnows(input: $input) { ${RECEIPT_FIELDS} }
        }
      `,
      {
        input: [
          {
            from: { id: 'p1' },
            to: { id: 'p2' },
            properties: { strength: 0.5, since: '2020-01-01T00:00:00Z' },
          },
          { from: { id: 'p1' }, to: { id: 'p3' } },
          { from: { id: 'p1' }, to: { id: 'p9' }, properties: { strength: 1 } },
        ],
      },
    );
    expect(knows).toMatchObject({ status: 'ACCEPTED', accepted: 3 });
    const others = await Promise.all([
      pipeline.accept(
        `mutation { connectPersonWorksAt(input: [{ from: { id: "p1" }, to: { id: "o1" }, properties: { role: "analyst", startYear: 1842 } }]) { ${RECEIPT_FIELDS} } }`,
      ),
      pipeline.accept(
        `mutation { connectPersonFollows(input: [{ from: { id: "p2" }, to: { Organization: { id: "o1" } } }, { from: { id: "p2" }, to: { Person: { id: "p1" } } }]) { ${RECEIPT_FIELDS} } }`,
      ),
      pipeline.accept(
        `mutation { connectPersonRecorded(input: [{ from: { id: "p3" }, to: { sensor: "s1", seq: 1 } }]) { ${RECEIPT_FIELDS} } }`,
      ),
    ]);

    expect(await pipeline.settled(knows.id)).toMatchObject({
      status: 'COMPLETED',
      accepted: 3,
      written: 2,
      rejected: 1,
      errors: [{ reason: 'Person.knows: no node Person:p9 to connect (yet)' }],
    });
    for (const receipt of others) {
      expect(await pipeline.settled(receipt.id)).toMatchObject({
        status: 'COMPLETED',
        rejected: 0,
        written: receipt.accepted,
      });
    }
    expect(await relationships()).toEqual([
      'p1 -KNOWS-> p2 {since=2020-01-01T00:00:00Z,strength=0.5}',
      'p1 -KNOWS-> p3',
      'p1 -WORKS_AT-> o1 {role=analyst,startYear=1842}',
      'p2 -FOLLOWS-> o1',
      'p2 -FOLLOWS-> p1',
      'p3 -RECORDED-> s1/1',
    ]);

    const letters = (await readTopic(pipeline.kafkaBrokers, pipeline.topics.deadLetters)).map(
      (message) => decodeDeadLetter(message.value),
    );
    expect(letters).toEqual([
      expect.objectContaining({
        source: 'connectPersonKnows',
        topic: pipeline.topics.graphOps,
        receiptId: knows.id,
        reason: 'Person.knows: no node Person:p9 to connect (yet)',
        payload: expect.objectContaining({
          kind: 'connect',
          from: ['p1'],
          to: { type: 'Person', key: ['p9'] },
        }),
      }),
    ]);
  });

  it('updates a relationship on a repeated connect instead of adding one', async () => {
    const again = await pipeline.accept(
      `mutation { connectPersonKnows(input: [{ from: { id: "p1" }, to: { id: "p2" }, properties: { strength: 0.9 } }]) { ${RECEIPT_FIELDS} } }`,
    );
    expect(await pipeline.settled(again.id)).toMatchObject({ written: 1, rejected: 0 });
    const [knows] = await pipeline.graph.read({
      text: `MATCH (:${label('Person')} {id: 'p1'})-[r:KNOWS]->(:${label('Person')} {id: 'p2'}) RETURN count(r) AS n, max(r.strength) AS strength`,
      params: {},
    });
    expect(knows?.toObject()).toEqual({ n: neo4j.int(1), strength: 0.9 });
  });

  it('disconnects (a missing relationship is a no-op) and deletes nodes with their relationships', async () => {
    const disconnect = await pipeline.accept(
      `mutation { disconnectPersonKnows(input: [{ from: { id: "p1" }, to: { id: "p3" } }, { from: { id: "p2" }, to: { id: "p3" } }]) { ${RECEIPT_FIELDS} } }`,
    );
    const unfollow = await pipeline.accept(
      `mutation { disconnectPersonFollows(input: [{ from: { id: "p2" }, to: { Person: { id: "p1" } } }]) { ${RECEIPT_FIELDS} } }`,
    );
    expect(await pipeline.settled(disconnect.id)).toMatchObject({
      status: 'COMPLETED',
      written: 2,
      rejected: 0,
    });
    expect(await pipeline.settled(unfollow.id)).toMatchObject({ written: 1 });
    const remove = await pipeline.accept(
      `mutation { deletePeople(keys: [{ id: "p3" }, { id: "p99" }]) { ${RECEIPT_FIELDS} } }`,
    );
    expect(await pipeline.settled(remove.id)).toMatchObject({
      status: 'COMPLETED',
      accepted: 2,
      written: 2,
      rejected: 0,
    });

    expect(await ids('Person')).toEqual(['p1', 'p2']);
    expect(await ids('Reading')).toEqual(['s1']);
    expect(await relationships()).toEqual([
      'p1 -KNOWS-> p2 {since=2020-01-01T00:00:00Z,strength=0.9}',
      'p1 -WORKS_AT-> o1 {role=analyst,startYear=1842}',
      'p2 -FOLLOWS-> o1',
    ]);
  });
});
