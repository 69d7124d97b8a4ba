import { ApolloServer } from '@apollo/server';
import { createFormatError } from '@memgate/platform/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedBrokerAddress } from '../../test/closed-port.js';
import { silentLogger } from '../../test/silent-logger.js';
import { testModel } from '../../test/test-model.js';
import { UpsertAcceptor } from '../accept/upsert-acceptor.js';
import { createIngestionSchema } from '../server/create-ingestion-schema.js';
import { createKafkaClient } from './kafka-client.js';
import { OperationProducer } from './operation-producer.js';
import { ensureTopics } from './topics.js';

/** A broker nobody listens on: every path that needs it answers BROKER_UNAVAILABLE, quickly. */
describe('an unreachable broker', () => {
  const logger = silentLogger();
  const receipt = { id: 'r1', source: 'test', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };
  let producer: OperationProducer;
  let kafka: ReturnType<typeof createKafkaClient>;

  beforeAll(async () => {
    kafka = createKafkaClient({
      brokers: [await closedBrokerAddress()],
      clientId: 'test-closed',
      logger,
      connectionTimeoutMs: 500,
      retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 },
    });
    producer = new OperationProducer(kafka, 'memgate.test.graph-ops', logger);
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  it('makes the producer fail with BROKER_UNAVAILABLE', async () => {
    await expect(
      producer.send([{ kind: 'upsertNode', type: 'Person', key: ['p1'], fields: {}, receipt }]),
    ).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE', httpStatus: 503 });
  });

  it('makes an upsert mutation answer BROKER_UNAVAILABLE, with no receipt opened', async () => {
    const opened: string[] = [];
    const acceptor = new UpsertAcceptor({
      maxRecordsPerRequest: 10,
      queue: producer,
      receipts: {
        open: (ref) => {
          opened.push(ref.id);
          return Promise.resolve();
        },
      },
      logger,
    });
    const server = new ApolloServer({
      schema: createIngestionSchema(testModel(), {
        acceptor,
        receipts: { find: () => Promise.resolve(null) },
      }).schema,
      formatError: createFormatError({ maskInternalErrors: true }),
      logger,
    });
    const response = await server.executeOperation({
      query: 'mutation { upsertPeople(input: [{ id: "p1", name: "Ada" }]) { id } }',
    });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toEqual([
      expect.objectContaining({
        message: 'The message broker is unavailable (connect the producer).',
        extensions: expect.objectContaining({ code: 'BROKER_UNAVAILABLE' }),
      }),
    ]);
    expect(opened).toEqual([]);
  });

  it('makes start-up topic creation fail with BROKER_UNAVAILABLE', async () => {
    await expect(
      ensureTopics(
        kafka,
        ['memgate.test.graph-ops'],
        { partitions: 1, replicationFactor: 1 },
        logger,
      ),
    ).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
  });
});
