import { ApolloServer } from '@apollo/server';
import { createFormatError } from '@memgate/platform/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedBrokerAddress } from '../../test/closed-port.js';
import { silentLogger } from '../../test/silent-logger.js';
import { testModel } from '../../test/test-model.js';
import { OperationAcceptor } from '../accept/operation-acceptor.js';
import { RawAcceptor } from '../accept/raw-acceptor.js';
import { MappingRegistry } from '../mapping/mapping-registry.js';
import type { CompiledMapping } from '../mapping/compiled-mapping.js';
import { createIngestionSchema } from '../server/create-ingestion-schema.js';
import { createKafkaClient } from './kafka-client.js';
import { DurableProducer } from './durable-producer.js';
import { PartitionCounts } from './partition-counts.js';
import { OperationProducer } from './operation-producer.js';
import { RawRecordProducer } from './raw-record-producer.js';
import { ensureTopics } from './topics.js';

/** A broker nobody listens on: every path that needs it answers BROKER_UNAVAILABLE, quickly. */
describe('an unreachable broker', () => {
  const logger = silentLogger();
  const receipt = { id: 'r1', source: 'test', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };
  let durable: DurableProducer;
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
    durable = new DurableProducer(kafka, logger);
    producer = new OperationProducer(durable, new PartitionCounts(kafka), 'memgate.test.graph-ops');
  });

  afterAll(async () => {
    await durable.disconnect();
  });

  it('makes the producer fail with BROKER_UNAVAILABLE', async () => {
    await expect(
      producer.send([{ kind: 'upsertNode', type: 'Person', key: ['p1'], fields: {}, receipt }]),
    ).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE', httpStatus: 503 });
  });

  it('makes an upsert mutation answer BROKER_UNAVAILABLE, with no receipt opened', async () => {
    const opened: string[] = [];
    const acceptor = new OperationAcceptor({
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
        rawAcceptor: new RawAcceptor({
          sources: new MappingRegistry([{ source: 'crm' } as CompiledMapping]),
          maxRecordsPerRequest: 10,
          maxRecordBytes: 1000,
          idempotencyWindowMs: 1000,
          queue: new RawRecordProducer(durable, { raw: (source) => `memgate.test.raw.${source}` }),
          receipts: {
            open: () => Promise.resolve(),
            claim: (ref) => Promise.resolve(ref.id),
            release: () => Promise.resolve(),
            find: () => Promise.resolve(null),
          },
          logger,
        }),
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
        message:
          'The message broker is unavailable (read the partitions of memgate.test.graph-ops).',
        extensions: expect.objectContaining({ code: 'BROKER_UNAVAILABLE' }),
      }),
    ]);
    expect(opened).toEqual([]);
    const raw = await server.executeOperation({
      query: 'mutation { ingest(source: "crm", records: [{ id: 1 }]) { id } }',
    });
    if (raw.body.kind !== 'single') throw new Error('expected a single result');
    expect(raw.body.singleResult.errors?.[0]?.extensions?.['code']).toBe('BROKER_UNAVAILABLE');
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
