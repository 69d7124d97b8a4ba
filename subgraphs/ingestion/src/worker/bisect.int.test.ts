import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import { readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';

const UPSERT = /* GraphQL */ `
  mutation ($input: [PersonInput!]!) {
    upsertPeople(input: $input) {
      id
      status
      accepted
      written
      rejected
      skipped
      errors {
        reason
      }
    }
  }
`;

/**
 * A record the engine refuses (it breaks a uniqueness constraint) fails its
 * whole batch transaction. After a few attempts the worker splits the batch
 * until the record is alone, dead-letters it, and writes every other one.
 */
describe('a batch the engine refuses because of one record', () => {
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    pipeline = await runningPipeline({
      // One partition: the whole request is one batch.
      MEMGATE_KAFKA_PARTITIONS: '1',
      MEMGATE_WORKER_MAX_ATTEMPTS: '2',
      MEMGATE_WORKER_BACKOFF_INITIAL_MS: '20',
      MEMGATE_WORKER_BACKOFF_MAX_MS: '100',
    });
  });

  afterAll(() => pipeline.stop());

  it('is split until the bad record is isolated: it is dead-lettered, the others are written', async () => {
    const first = await pipeline.accept(UPSERT, {
      input: [{ id: 'p1', name: 'Ada', email: 'ada@example.org' }],
    });
    expect(await pipeline.settled(first.id)).toMatchObject({ written: 1 });

    const input = [
      { id: 'p2', name: 'Charles', email: 'charles@example.org' },
      { id: 'p3', name: 'Impostor', email: 'ada@example.org' },
      { id: 'p4', name: 'Mary', email: 'mary@example.org' },
      { id: 'p5', name: 'Grace' },
    ];
    const second = await pipeline.accept(UPSERT, { input });
    const settled = await pipeline.settled(second.id);
    expect(settled).toMatchObject({ status: 'COMPLETED', accepted: 4, written: 3, rejected: 1 });
    expect(settled.errors).toEqual([
      {
        topic: pipeline.topics.graphOps,
        partition: 0,
        // The mutation's four upserts are one frame on the one partition; p3 is its second.
        offset: '1',
        index: 1,
        // Its place in the mutation's input.
        record: 1,
        reason: expect.stringMatching(
          /^the engine refused it: The graph query failed\.: .*ada@example\.org/s,
        ),
      },
    ]);

    const people = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) RETURN n.id AS id, n.email AS email ORDER BY id`,
      params: {},
    });
    expect(
      people.map((record) => `${String(record.get('id'))} ${String(record.get('email'))}`),
    ).toEqual(['p1 ada@example.org', 'p2 charles@example.org', 'p4 mary@example.org', 'p5 null']);
    const letters = (await readTopic(pipeline.kafkaBrokers, pipeline.topics.deadLetters)).map(
      (message) => decodeDeadLetter(message.value),
    );
    expect(letters).toEqual([
      expect.objectContaining({
        source: 'upsertPeople',
        receiptId: second.id,
        offset: '1',
        index: 1,
        payload: expect.objectContaining({ kind: 'upsertNode', key: ['p3'] }),
      }),
    ]);
  });
});
