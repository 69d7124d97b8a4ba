import neo4j, { type Node } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  isolatedPipeline,
  postGraphQL,
  type IsolatedPipeline,
} from '../../test/ingestion-harness.js';
import { silentLogger } from '../../test/silent-logger.js';
import { readTopic } from '../../test/topic-reader.js';
import { decodeDeadLetter } from '../kafka/dead-letter-codec.js';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { DurableProducer } from '../kafka/durable-producer.js';
import { PartitionCounts } from '../kafka/partition-counts.js';
import { encodeOperationFrame, serializeOperation } from '../kafka/operation-codec.js';
import { OperationProducer } from '../kafka/operation-producer.js';
import { ingestionTopics } from '../kafka/topics.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { CleanupStack } from './cleanup-stack.js';
import { createIngestionSubgraph, type IngestionSubgraph } from './create-ingestion-subgraph.js';
import { createIngestionWorker, type IngestionWorker } from './create-ingestion-worker.js';

const UPSERT_PEOPLE = /* GraphQL */ `
  mutation ($input: [PersonInput!]!) {
    upsertPeople(input: $input) {
      id
      status
      accepted
    }
  }
`;

const RECEIPT = /* GraphQL */ `
  query ($id: ID!) {
    ingestionReceipt(id: $id) {
      id
      source
      status
      accepted
      written
      rejected
      people {
        id
      }
      readings {
        sensor
        seq
      }
    }
  }
`;

type ReceiptView = {
  status: string;
  accepted: number;
  written: number;
  rejected: number;
  source: string;
  people: { id: string }[];
  readings: { sensor: string; seq: number }[];
};

describe('the ingestion pipeline on the real broker and engine', () => {
  let pipeline: IsolatedPipeline;
  let subgraph: IngestionSubgraph;
  let url: string;
  const workers: IngestionWorker[] = [];
  const logger = silentLogger();
  const cleanup = new CleanupStack();

  const startWorker = async (): Promise<IngestionWorker> => {
    const worker = await createIngestionWorker({ ...pipeline, logger });
    await worker.start();
    workers.push(worker);
    cleanup.push(() => worker.stop());
    return worker;
  };

  const accept = async (mutation: string, input: unknown[]): Promise<string> => {
    const result = await postGraphQL(url, mutation, { input });
    expect(result.errors).toBeUndefined();
    const receipt = Object.values(result.data ?? {})[0] as {
      id: string;
      status: string;
      accepted: number;
    };
    expect(receipt).toMatchObject({ status: 'ACCEPTED', accepted: input.length });
    return receipt.id;
  };

  const receiptOf = async (id: string): Promise<ReceiptView | null> => {
    const result = await postGraphQL(url, RECEIPT, { id });
    expect(result.errors).toBeUndefined();
    return (result.data?.['ingestionReceipt'] ?? null) as ReceiptView | null;
  };

  const completed = (id: string) =>
    eventually(async () => {
      const receipt = await receiptOf(id);
      return receipt?.status === 'COMPLETED' ? receipt : undefined;
    }, `receipt ${id} COMPLETED`);

  const peopleByKey = async (): Promise<Map<string, Node>> => {
    const records = await pipeline.graph.read({
      text: `MATCH (n:\`Person${pipeline.suffix}\`) RETURN n ORDER BY n.id`,
      params: {},
    });
    const nodes = records.map((record) => record.get('n') as Node);
    expect(new Set(nodes.map((node) => String(node.properties['id']))).size).toBe(nodes.length);
    return new Map(nodes.map((node) => [String(node.properties['id']), node]));
  };

  beforeAll(async () => {
    pipeline = await isolatedPipeline({
      MEMGATE_MAX_RECORDS_PER_REQUEST: '5',
      MEMGATE_WORKER_BATCH_MAX: '2',
    });
    cleanup.push(() => pipeline.dispose());
    subgraph = await createIngestionSubgraph({ ...pipeline, logger });
    cleanup.push(() => subgraph.stop());
    url = (await subgraph.start()).url;
  });

  afterAll(() => cleanup.run());

  it('writes upserts with their typed properties and completes the receipt with exact counts', async () => {
    const id = await accept(UPSERT_PEOPLE, [
      {
        id: 'a1',
        name: 'Ada',
        age: 36,
        score: 0.75,
        active: true,
        tags: ['math', 'poetry'],
        bornAt: '1815-12-10T08:30:00.123456789+01:00',
        wealth: '9007199254740993',
      },
      { id: 'a2', name: 'Charles' },
      { id: 'a1', age: 37 },
    ]);
    const readings = await accept(
      /* GraphQL */ `
        mutation ($input: [ReadingInput!]!) {
          upsertReadings(input: $input) {
            id
            status
            accepted
          }
        }
      `,
      [{ sensor: 's1', seq: 1, value: 2.5 }],
    );
    await startWorker();

    expect(await completed(id)).toEqual({
      id,
      source: 'upsertPeople',
      status: 'COMPLETED',
      accepted: 3,
      written: 3,
      rejected: 0,
      people: [{ id: 'a1' }, { id: 'a2' }],
      readings: [],
    });
    expect((await completed(readings)).readings).toEqual([{ sensor: 's1', seq: 1 }]);

    const people = await peopleByKey();
    const ada = people.get('a1')!;
    expect(ada.labels).toEqual(
      expect.arrayContaining([`Person${pipeline.suffix}`, `Agent${pipeline.suffix}`]),
    );
    expect(ada.properties['name']).toBe('Ada');
    expect(ada.properties['age']).toEqual(neo4j.int(37));
    expect(ada.properties['sc']).toBe(0.75);
    expect(ada.properties['active']).toBe(true);
    expect(ada.properties['tags']).toEqual(['math', 'poetry']);
    expect(neo4j.isDateTime(ada.properties['bornAt'])).toBe(true);
    expect(String(ada.properties['bornAt'])).toBe('1815-12-10T08:30:00.123456789+01:00');
    expect(neo4j.isInt(ada.properties['wealth'])).toBe(true);
    expect(String(ada.properties['wealth'])).toBe('9007199254740993');
    expect(people.get('a2')?.properties).toEqual({ id: 'a2', name: 'Charles' });

    const [reading] = await pipeline.graph.read({
      text: `MATCH (n:\`Reading${pipeline.suffix}\`) RETURN n.sensor AS sensor, n.seq AS seq, n.value AS value`,
      params: {},
    });
    expect(reading?.toObject()).toEqual({ sensor: 's1', seq: neo4j.int(1), value: 2.5 });
  });

  it('applies a redelivered batch once: one node per key, receipt counts unchanged', async () => {
    const id = await accept(UPSERT_PEOPLE, [
      { id: 'b1', name: 'Grace', age: 40 },
      { id: 'b2', name: 'Alan' },
      { id: 'b1', age: 41 },
      { id: 'b3', name: 'Edsger' },
    ]);
    const first = workers.at(-1) ?? (await startWorker());
    const before = await completed(id);
    expect(before).toMatchObject({ accepted: 4, written: 4, rejected: 0 });

    // Forget every offset Kafka holds for the group, as if each worker had
    // died after its graph commit and before its Kafka commit: the whole
    // topic is delivered again to the same group.
    await first.stop();
    const kafka = createKafkaClient({
      brokers: pipeline.kafkaBrokers,
      clientId: 'test-admin',
      logger,
    });
    const admin = kafka.admin();
    await admin.connect();
    const topic = ingestionTopics(pipeline.config.topicPrefix).graphOps;
    const groupId = pipeline.config.workerGroupId;
    try {
      await admin.deleteGroups([groupId]);
      await startWorker();
      await eventually(async () => {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const ends = await admin.fetchTopicOffsets(topic);
        const caughtUp = ends.every(
          (end) =>
            end.high === '0' ||
            committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
        );
        return caughtUp ? true : undefined;
      }, 'the second delivery to be consumed and committed');
    } finally {
      await admin.disconnect();
    }

    expect(await receiptOf(id)).toEqual(before);
    const people = await peopleByKey();
    expect([...people.keys()].filter((key) => key.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
    expect(people.get('b1')?.properties).toEqual({ id: 'b1', name: 'Grace', age: neo4j.int(41) });
  });

  /** A producer of the test's own, writing to the pipeline's topics as a subgraph would. */
  const directProducer = () => {
    const kafka = createKafkaClient({
      brokers: pipeline.kafkaBrokers,
      clientId: 'test-producer',
      logger,
    });
    return { kafka, durable: new DurableProducer(kafka, logger) };
  };

  /** The receipt once a worker has settled it (one is started if none runs). */
  const settledByWorker = async (id: string) => {
    if (workers.length === 0) await startWorker();
    return eventually(async () => {
      const found = await receiptOf(id);
      return found && found.status !== 'ACCEPTED' ? found : undefined;
    }, `receipt ${id} to settle`);
  };

  it('creates the receipt from the messages when acceptance could not store it', async () => {
    const { kafka, durable } = directProducer();
    const producer = new OperationProducer(
      durable,
      new PartitionCounts(kafka),
      ingestionTopics(pipeline.config.topicPrefix).graphOps,
    );
    const receipt = {
      id: `direct${pipeline.suffix}`,
      source: 'test',
      accepted: 2,
      createdAt: '2024-05-01T12:00:00Z',
    };
    try {
      await producer.send([
        { kind: 'upsertNode', type: 'Person', key: ['c1'], fields: { name: 'Barbara' }, receipt },
        {
          kind: 'upsertNode',
          type: 'Person',
          key: ['c2'],
          fields: { name: 'Frances', age: 'old' },
          receipt,
        },
      ]);
    } finally {
      await durable.disconnect();
    }
    const settled = await settledByWorker(receipt.id);
    expect(settled).toEqual({
      id: receipt.id,
      source: 'test',
      status: 'COMPLETED',
      accepted: 2,
      written: 1,
      rejected: 1,
      people: [],
      readings: [],
    });
    expect((await peopleByKey()).has('c2')).toBe(false);
  });

  it('settles a receipt whose frame holds an operation the worker cannot read, dead-lettering it alone', async () => {
    const { durable } = directProducer();
    const topics = ingestionTopics(pipeline.config.topicPrefix);
    const receipt = {
      id: `newer${pipeline.suffix}`,
      source: 'test',
      accepted: 2,
      createdAt: '2024-05-01T12:00:00Z',
    };
    const good: GraphOperation = {
      kind: 'upsertNode',
      type: 'Person',
      key: ['e1'],
      fields: { name: 'Edith' },
      receipt,
    };
    // As a producer of a later release might write one: a kind this worker does not know.
    const unknown = JSON.stringify({
      at: 1,
      kind: 'mergeNodes',
      type: 'Person',
      keys: [['e2'], ['e3']],
    });
    try {
      await durable.send(topics.graphOps, [
        {
          key: 'Person:e1',
          value: encodeOperationFrame(receipt, [serializeOperation(good), unknown]),
        },
      ]);
    } finally {
      await durable.disconnect();
    }
    const settled = await settledByWorker(receipt.id);
    expect(settled).toMatchObject({ status: 'COMPLETED', accepted: 2, written: 1, rejected: 1 });
    expect((await peopleByKey()).has('e1')).toBe(true);
    const letters = (await readTopic(pipeline.kafkaBrokers, topics.deadLetters))
      .map((message) => decodeDeadLetter(message.value))
      .filter((letter) => letter?.receiptId === receipt.id);
    expect(letters).toEqual([
      expect.objectContaining({
        source: 'test',
        index: 1,
        record: 1,
        reason: 'unreadable message: unknown operation "mergeNodes"',
        payload: JSON.parse(unknown) as unknown,
      }),
    ]);
  });

  it('refuses empty and oversized requests with BAD_USER_INPUT, and answers null for an unknown receipt', async () => {
    const empty = await postGraphQL(url, UPSERT_PEOPLE, { input: [] });
    expect(empty.errors?.[0]).toMatchObject({
      message: 'input must hold at least one record.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const six = Array.from({ length: 6 }, (_, index) => ({ id: `x${index}` }));
    const tooMany = await postGraphQL(url, UPSERT_PEOPLE, { input: six });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 5,
      given: 6,
    });
    expect(await receiptOf('no-such-receipt')).toBeNull();
  });

  it('serves receipts over REST: 200 with status and keys, 404 NOT_FOUND for an unknown id', async () => {
    const id = await accept(UPSERT_PEOPLE, [{ id: 'd1', name: 'Katherine' }]);
    if (workers.length === 0) await startWorker();
    await completed(id);
    const found = await fetch(`${url}/ingest/receipts/${id}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({
      id,
      status: 'COMPLETED',
      accepted: 1,
      written: 1,
      entities: { Person: ['d1'] },
    });
    const missing = await fetch(`${url}/ingest/receipts/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
