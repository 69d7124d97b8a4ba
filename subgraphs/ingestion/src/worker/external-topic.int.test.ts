import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../test/ingestion-harness.js';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import { silentLogger } from '../../test/silent-logger.js';
import { readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';
import { createKafkaClient } from '../kafka/kafka-client.js';

const DAY_ONE = Date.parse('2024-05-01T10:00:00Z');
const DAY_TWO = Date.parse('2024-05-02T09:00:00Z');

/**
 * A mapping that names an existing topic (`topic:`, `groupId:`): the
 * worker reads it as a source, one JSON record per message, counts the
 * messages of each day on a rolling receipt `<source>@<day>`, and
 * dead-letters what it cannot map. The topic is created and produced to
 * directly, as another system would.
 */
describe('an external topic as a source', () => {
  const topic = `external.feed.${randomBytes(4).toString('hex')}`;
  let pipeline: RunningPipeline;
  let dir: string;
  const kafka = createKafkaClient({
    brokers: inject('kafkaBrokers'),
    clientId: 'test-external',
    logger: silentLogger(),
  });
  const producer = kafka.producer();
  const produce = (timestamp: number, values: (string | null)[]) =>
    producer.send({
      topic,
      acks: -1,
      messages: values.map((value, index) => ({
        key: `k${index}`,
        value,
        timestamp: String(timestamp),
      })),
    });

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    await producer.connect();
    dir = await mkdtemp(join(tmpdir(), 'memgate-feed-'));
    await writeFile(
      join(dir, 'feed.yaml'),
      [
        'source: feed',
        `topic: ${topic}`,
        `groupId: feed-readers-${topic}`,
        'nodes:',
        '  - as: person',
        '    type: Person',
        '    key: { id: id }',
        '    properties: { name: name, age: age }',
      ].join('\n'),
    );
    // Produced before any worker runs: a new group reads the topic from its beginning.
    await produce(DAY_ONE, [
      JSON.stringify({ id: 'f1', name: 'Ada', age: 36 }),
      JSON.stringify({ id: 'f2', name: 'Grace' }),
      'not json at all',
      JSON.stringify({ id: 'f3', name: 'Old', age: 'very' }),
      JSON.stringify({ name: 'No key' }),
      null,
      JSON.stringify({ id: 'f1', name: 'Ada Lovelace' }),
    ]);
    pipeline = await runningPipeline({ MEMGATE_INGESTION_MAPPINGS_DIR: dir });
  });

  afterAll(async () => {
    await pipeline.stop();
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  /** A rolling receipt is settled after every batch: wait for the count, not for the status. */
  const counted = (id: string, accepted: number) =>
    eventually(async () => {
      const receipt = await pipeline.receipt(id);
      return receipt?.accepted === accepted ? receipt : undefined;
    }, `${id} counting ${accepted} messages`);

  it('writes its records, counts them on a rolling receipt per day, and dead-letters exactly the bad ones', async () => {
    expect(await counted('feed@2024-05-01', 7)).toMatchObject({
      source: 'feed',
      status: 'COMPLETED',
      accepted: 7,
      written: 3,
      rejected: 3,
      skipped: 1,
    });
    const people = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) RETURN n.id AS id, n.name AS name ORDER BY id`,
      params: {},
    });
    expect(people.map((record) => record.toObject())).toEqual([
      { id: 'f1', name: expect.stringMatching(/^Ada/) },
      { id: 'f2', name: 'Grace' },
    ]);
    const letters = (await readTopic(pipeline.kafkaBrokers, pipeline.topics.deadLetters))
      .map((message) => decodeDeadLetter(message.value))
      .map((letter) => ({
        source: letter?.source,
        topic: letter?.topic,
        receiptId: letter?.receiptId,
        reason: letter?.reason,
        payload: letter?.payload,
      }))
      .sort((a, b) => String(a.reason).localeCompare(String(b.reason)));
    const common = { source: 'feed', topic, receiptId: 'feed@2024-05-01' };
    expect(letters).toEqual([
      {
        ...common,
        reason: 'nodes[0] (Person) key id: no value at "id"',
        payload: { name: 'No key' },
      },
      {
        ...common,
        reason: 'nodes[0].properties.age (age): expected an Int, got "very"',
        payload: { id: 'f3', name: 'Old', age: 'very' },
      },
      { ...common, reason: 'the message value is not JSON', payload: 'not json at all' },
    ]);

    // Messages of another day count on that day's receipt; the first one does not move.
    await produce(DAY_TWO, [JSON.stringify({ id: 'f4', name: 'Mary' })]);
    expect(await counted('feed@2024-05-02', 1)).toMatchObject({
      status: 'COMPLETED',
      accepted: 1,
      written: 1,
    });
    expect(await pipeline.receipt('feed@2024-05-01')).toMatchObject({ accepted: 7, written: 3 });
    // The group's offsets are kept in the graph like the workers' own.
    const offsets = await eventually(async () => {
      const [found] = await pipeline.graph.read({
        text: `MATCH (o:\`MemgateOffset${pipeline.suffix}\` {topic: $topic}) RETURN collect(DISTINCT o.consumerGroup) AS groups`,
        params: { topic },
      });
      const groups = found?.get('groups') as string[] | undefined;
      return groups && groups.length > 0 ? groups : undefined;
    }, 'offsets of the external topic stored');
    expect(offsets).toEqual([`feed-readers-${topic}`]);
  });
});
