import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../../test/http-upload.js';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import { countRawRecords, readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';

/** Past the upload chunk (1 MB), so a streamed body queues some chunks before it hits the limit. */
const LIMIT = 3 * 1024 * 1024;

/**
 * `POST /ingest/{source}` end to end on the real broker and engine, through
 * the `contacts` mapping (test/fixtures/mappings): each body format, the
 * records it refuses while reading (dead-lettered with their line), the
 * ones the mapping rejects in the worker, and the exact graph that results.
 */
describe('REST uploads', () => {
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    pipeline = await runningPipeline({ MEMGATE_INGEST_MAX_BODY_BYTES: String(LIMIT) });
  });

  afterAll(() => pipeline.stop());

  const people = async (ids: readonly string[]) => {
    const [found] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) WHERE n.id IN $ids RETURN count(n) AS nodes, count(DISTINCT n.id) AS ids, collect(n.id) AS found`,
      params: { ids },
    });
    return {
      nodes: Number(found?.get('nodes')),
      ids: Number(found?.get('ids')),
      found: (found?.get('found') as string[]).sort(),
    };
  };
  const lettersOf = async (receiptId: string) =>
    (await readTopic(pipeline.kafkaBrokers, pipeline.topics.deadLetters))
      .map((message) => decodeDeadLetter(message.value))
      .filter((letter) => letter?.receiptId === receiptId)
      .map((letter) => ({ line: letter?.line, reason: letter?.reason, payload: letter?.payload }))
      .sort((a, b) => String(a.reason).localeCompare(String(b.reason)));

  it('ingests NDJSON: malformed lines are refused with their line, the rest is written exactly', async () => {
    const body = [
      '{"id":"n1","name":"Ada","age":"36"}',
      '{"id":"n2","name":"Grace"}',
      'not json',
      '{"id":"n3","name":"Bad age","age":"old"}',
      '{"name":"No key"}',
      '',
      '{"id":"n4","name":"Mary"}',
    ].join('\n');
    const response = await upload(pipeline.url, '/ingest/contacts', body, {
      'content-type': 'application/x-ndjson',
    });
    expect(response.status).toBe(202);
    const receiptId = String(response.body['receiptId']);
    expect(response.body).toEqual({ receiptId, accepted: 5, rejected: 1 });
    expect(response.headers['location']).toBe(`/ingest/receipts/${receiptId}`);

    expect(await pipeline.settled(receiptId)).toMatchObject({
      status: 'COMPLETED',
      accepted: 5,
      written: 3,
      rejected: 3,
      skipped: 0,
    });
    expect(await people(['n1', 'n2', 'n3', 'n4'])).toEqual({
      nodes: 3,
      ids: 3,
      found: ['n1', 'n2', 'n4'],
    });
    expect(await lettersOf(receiptId)).toEqual([
      {
        line: 3,
        reason: expect.stringMatching(/^line 3 is not JSON: /),
        payload: 'not json',
      },
      {
        line: undefined,
        reason: 'nodes[0] (Person) key id: no value at "id"',
        payload: { name: 'No key' },
      },
      {
        line: undefined,
        reason: 'nodes[0].properties.age (age): expected an Int, got "old"',
        payload: { id: 'n3', name: 'Bad age', age: 'old' },
      },
    ]);
    const rest = await fetch(`${pipeline.url}/ingest/receipts/${receiptId}`);
    expect(await rest.json()).toMatchObject({
      id: receiptId,
      source: 'contacts',
      status: 'COMPLETED',
      accepted: 5,
      written: 3,
      rejected: 3,
    });
  });

  it('ingests CSV with a header row: a row with the wrong number of fields is refused', async () => {
    const body =
      'id,name,age\r\nc1,Ada,36\r\nc2,Grace\r\nc3,Bad,old\r\n,No key,3\r\nc4,"Lovelace, Ada",\r\n';
    const response = await upload(pipeline.url, '/ingest/contacts', body, {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(response.status).toBe(202);
    const receiptId = String(response.body['receiptId']);
    expect(response.body).toEqual({ receiptId, accepted: 4, rejected: 1 });
    expect(await pipeline.settled(receiptId)).toMatchObject({
      status: 'COMPLETED',
      accepted: 4,
      written: 2,
      rejected: 3,
    });
    expect(await people(['c1', 'c2', 'c3', 'c4'])).toMatchObject({ found: ['c1', 'c4'] });
    const [c4] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\` {id: 'c4'}) RETURN n.name AS name, n.age AS age`,
      params: {},
    });
    expect(c4?.toObject()).toEqual({ name: 'Lovelace, Ada', age: null });
    expect((await lettersOf(receiptId)).map((letter) => [letter.line, letter.reason])).toEqual([
      [3, 'line 3 has 2 fields; the header has 3'],
      [undefined, 'nodes[0] (Person) key id: no value at "id"'],
      [undefined, 'nodes[0].properties.age (age): expected an Int, got "old"'],
    ]);
  });

  it('ingests a JSON array, element by element', async () => {
    const body = JSON.stringify([
      { id: 'j1', name: 'Ada' },
      { id: 'j2', name: 'Grace', shoeSize: 44 },
    ]).replace('},{', '},{"id": oops},{');
    const response = await upload(pipeline.url, '/ingest/contacts', body, {
      'content-type': 'application/json',
    });
    expect(response).toMatchObject({ status: 202, body: { accepted: 2, rejected: 1 } });
    const receiptId = String(response.body['receiptId']);
    expect(await pipeline.settled(receiptId)).toMatchObject({ written: 1, rejected: 2 });
    expect((await lettersOf(receiptId)).map((letter) => letter.reason)).toEqual([
      expect.stringMatching(/^line 1: not JSON: /),
      'unknown field shoeSize (the mapping is strict)',
    ]);
  });

  it('answers 404 naming the known sources, 415 for an unknown body format, 400 for a broken JSON body', async () => {
    const unknown = await upload(pipeline.url, '/ingest/nope', '{"id":"x"}\n', {
      'content-type': 'application/x-ndjson',
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: 'Unknown source "nope". Known sources: contacts.',
          source: 'nope',
          knownSources: ['contacts'],
        },
      },
    });
    const text = await upload(pipeline.url, '/ingest/contacts', 'id\nx\n', {
      'content-type': 'text/plain',
    });
    expect(text).toMatchObject({
      status: 415,
      body: {
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: expect.stringContaining('Content-Type text/plain is not supported'),
        },
      },
    });
    const notArray = await upload(pipeline.url, '/ingest/contacts', '{"id":"x"}', {
      'content-type': 'application/json',
    });
    expect(notArray).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
  });

  it('refuses a body over MEMGATE_INGEST_MAX_BODY_BYTES: unread with a Content-Length, at the limit when streamed', async () => {
    const line = (index: number) =>
      `${JSON.stringify({ id: `big${index}`, name: 'x'.repeat(1000) })}\n`;
    const lines = Array.from({ length: 5000 }, (_, index) => line(index));
    const before = await countRawRecords(pipeline.kafkaBrokers, pipeline.topics.raw('contacts'));

    const declared = await upload(pipeline.url, '/ingest/contacts', lines.join(''), {
      'content-type': 'application/x-ndjson',
    });
    expect(declared).toMatchObject({
      status: 413,
      body: {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          limitBytes: LIMIT,
          givenBytes: Buffer.byteLength(lines.join('')),
        },
      },
    });
    expect(await countRawRecords(pipeline.kafkaBrokers, pipeline.topics.raw('contacts'))).toBe(
      before,
    );

    // Chunked, the limit is found while streaming: what was queued before it is accounted for.
    const streamed = await upload(pipeline.url, '/ingest/contacts', lines, {
      'content-type': 'application/x-ndjson',
    });
    expect(streamed).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT } },
    });
    const error = streamed.body['error'] as { receiptId: string; accepted: number };
    expect(error.accepted).toBeGreaterThan(0);
    expect(error.accepted * line(0).length).toBeLessThanOrEqual(LIMIT);
    const settled = await pipeline.settled(error.receiptId);
    expect(settled).toMatchObject({ accepted: error.accepted, written: error.accepted });
    const ids = Array.from({ length: 5000 }, (_, index) => `big${index}`);
    expect((await people(ids)).nodes).toBe(error.accepted);
    expect(
      (await countRawRecords(pipeline.kafkaBrokers, pipeline.topics.raw('contacts'))) - before,
    ).toBe(error.accepted);
  });

  it('ingests the same file twice exactly once in the graph: with an Idempotency-Key nothing is queued again', async () => {
    const body = Array.from(
      { length: 50 },
      (_, index) => `${JSON.stringify({ id: `twice${index}`, name: `Twice ${index}` })}\n`,
    ).join('');
    const ids = Array.from({ length: 50 }, (_, index) => `twice${index}`);
    const headers = { 'content-type': 'application/x-ndjson', 'idempotency-key': 'file-1' };
    const rawTopic = pipeline.topics.raw('contacts');

    const first = await upload(pipeline.url, '/ingest/contacts', body, headers);
    expect(first).toMatchObject({ status: 202, body: { accepted: 50, rejected: 0 } });
    const afterFirst = await countRawRecords(pipeline.kafkaBrokers, rawTopic);
    const again = await upload(pipeline.url, '/ingest/contacts', body, headers);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countRawRecords(pipeline.kafkaBrokers, rawTopic)).toBe(afterFirst);
    await pipeline.settled(String(first.body['receiptId']));

    // Without a key the file is queued again, and MERGE keeps the graph as it was.
    const plain = { 'content-type': 'application/x-ndjson' };
    const third = await upload(pipeline.url, '/ingest/contacts', body, plain);
    expect(third.body['receiptId']).not.toBe(first.body['receiptId']);
    expect(await pipeline.settled(String(third.body['receiptId']))).toMatchObject({
      written: 50,
    });
    expect(await countRawRecords(pipeline.kafkaBrokers, rawTopic)).toBe(afterFirst + 50);
    expect(await people(ids)).toMatchObject({ nodes: 50, ids: 50 });
    const [relationships] = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`)-[r]-() WHERE n.id STARTS WITH 'twice' RETURN count(r) AS n`,
      params: {},
    });
    expect(relationships?.get('n')).toEqual(neo4j.int(0));
  });
});
