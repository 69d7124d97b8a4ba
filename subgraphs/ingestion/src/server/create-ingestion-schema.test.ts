import { ApolloServer } from '@apollo/server';
import { createFormatError, MemgateError } from '@memgate/platform/errors';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { testModel } from '../../test/test-model.js';
import type { OperationRequest } from '../accept/operation-acceptor.js';
import type { Receipt } from '../receipts/receipt.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { createIngestionSchema, type IngestionServices } from './create-ingestion-schema.js';

const stored: Receipt = {
  id: 'r1',
  source: 'upsertPeople',
  accepted: 2,
  written: 2,
  rejected: 0,
  createdAt: '2024-05-01T12:00:00Z',
  updatedAt: '2024-05-01T12:00:01Z',
  skipped: 0,
  entityKeys: new Map([
    ['Person', ['p1', 'p2']],
    ['Reading', ['["s1",7]']],
  ]),
  errors: [{ topic: 'memgate.graph-ops', partition: 1, offset: '9', reason: 'no node Person:p9' }],
};

const ref = { id: 'r1', source: 'test', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };

function serverWith(accept: (request: OperationRequest) => Promise<Receipt>) {
  const calls: { source: string; count: number; operations: GraphOperation[] }[] = [];
  const ingested: unknown[][] = [];
  const services: IngestionServices = {
    acceptor: {
      accept: (request) => {
        calls.push({
          source: request.source,
          count: request.count,
          operations: request.operations(ref),
        });
        return accept(request);
      },
    },
    rawAcceptor: {
      accept: (source, records, key) => {
        ingested.push([source, records, key]);
        return Promise.resolve({ ...stored, source, written: 0 });
      },
    },
    receipts: { find: (id) => Promise.resolve(id === 'r1' ? stored : null) },
  };
  const server = new ApolloServer({
    schema: createIngestionSchema(testModel(), services).schema,
    formatError: createFormatError({ maskInternalErrors: true }),
    logger: silentLogger(),
  });
  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  return { run, calls, ingested };
}

const UPSERT = /* GraphQL */ `
  mutation ($input: [PersonInput!]!) {
    upsertPeople(input: $input) {
      id
      status
      accepted
      written
      rejected
      people {
        id
      }
    }
  }
`;

describe('the ingestion subgraph schema', () => {
  it('hands typed records to the acceptor and answers with the receipt', async () => {
    const { run, calls } = serverWith(() => Promise.resolve({ ...stored, written: 0 }));
    const result = await run(UPSERT, {
      input: [
        {
          id: 'p1',
          name: 'Ada',
          age: 36,
          bornAt: '1815-12-10T00:00:00Z',
          wealth: '9007199254740993',
        },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      upsertPeople: {
        id: 'r1',
        status: 'ACCEPTED',
        accepted: 2,
        written: 0,
        rejected: 0,
        people: [{ id: 'p1' }, { id: 'p2' }],
      },
    });
    expect(calls).toEqual([
      {
        source: 'upsertPeople',
        count: 1,
        operations: [
          {
            kind: 'upsertNode',
            type: 'Person',
            key: ['p1'],
            fields: {
              name: 'Ada',
              age: 36,
              bornAt: '1815-12-10T00:00:00Z',
              wealth: '9007199254740993',
            },
            receipt: ref,
          },
        ],
      },
    ]);
  });

  it('connects with typed relationship properties, and a one-of end for a union target', async () => {
    const { run, calls } = serverWith(() => Promise.resolve(stored));
    const result = await run(/* GraphQL */ `
      mutation {
        knows: connectPersonKnows(
          input: [
            {
              from: { id: "p1" }
              to: { id: "p2" }
              properties: { strength: 0.5, since: "2020-01-01T00:00:00Z" }
            }
          ]
        ) {
          id
        }
        follows: connectPersonFollows(
          input: [{ from: { id: "p1" }, to: { Organization: { id: "o1" } } }]
        ) {
          id
        }
        unfollow: disconnectPersonFollows(
          input: [{ from: { id: "p1" }, to: { Person: { id: "p2" } } }]
        ) {
          id
        }
        recorded: connectPersonRecorded(
          input: [{ from: { id: "p1" }, to: { sensor: "s1", seq: 7 } }]
        ) {
          id
        }
        gone: deleteReadings(keys: [{ sensor: "s1", seq: 7 }]) {
          id
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    expect(calls.map((call) => [call.source, call.operations])).toEqual([
      [
        'connectPersonKnows',
        [
          {
            kind: 'connect',
            type: 'Person',
            field: 'knows',
            from: ['p1'],
            to: { type: 'Person', key: ['p2'] },
            properties: { strength: 0.5, since: '2020-01-01T00:00:00Z' },
            receipt: ref,
          },
        ],
      ],
      [
        'connectPersonFollows',
        [
          {
            kind: 'connect',
            type: 'Person',
            field: 'follows',
            from: ['p1'],
            to: { type: 'Organization', key: ['o1'] },
            properties: {},
            receipt: ref,
          },
        ],
      ],
      [
        'disconnectPersonFollows',
        [
          {
            kind: 'disconnect',
            type: 'Person',
            field: 'follows',
            from: ['p1'],
            to: { type: 'Person', key: ['p2'] },
            receipt: ref,
          },
        ],
      ],
      [
        'connectPersonRecorded',
        [
          {
            kind: 'connect',
            type: 'Person',
            field: 'recorded',
            from: ['p1'],
            to: { type: 'Reading', key: ['s1', 7] },
            properties: {},
            receipt: ref,
          },
        ],
      ],
      ['deleteReadings', [{ kind: 'deleteNode', type: 'Reading', key: ['s1', 7], receipt: ref }]],
    ]);
  });

  it('refuses a one-of end with no member or several, with BAD_USER_INPUT', async () => {
    const { run } = serverWith(() => Promise.resolve(stored));
    for (const [to, got] of [
      ['{}', 'none'],
      ['{ Person: { id: "p2" }, Organization: { id: "o1" } }', 'Person, Organization'],
    ] as const) {
      const result = await run(
        `mutation { connectPersonFollows(input: [{ from: { id: "p1" }, to: ${to} }]) { id } }`,
      );
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: `input[0].to: give exactly one of Person, Organization (got ${got}).`,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
  });

  it('hands raw records of a source to the raw acceptor, JSON as it came', async () => {
    const { run, ingested } = serverWith(() => Promise.reject(new Error('not reached')));
    const result = await run(
      /* GraphQL */ `
        mutation ($records: [JSON!]!) {
          ingest(source: "crm", records: $records, idempotencyKey: "k1") {
            id
            source
            skipped
          }
        }
      `,
      { records: [{ id: 1, tags: ['a'], nested: { x: null } }, 'text'] },
    );
    expect(result.data).toEqual({ ingest: { id: 'r1', source: 'crm', skipped: 0 } });
    expect(ingested).toEqual([
      ['crm', [{ id: 1, tags: ['a'], nested: { x: null } }, 'text'], 'k1'],
    ]);
    const literal = await run(
      'mutation { ingest(source: "crm", records: [{ a: [1, 2.5, true, null] }]) { id } }',
    );
    expect(literal.errors).toBeUndefined();
    expect(ingested[1]).toEqual(['crm', [{ a: [1, 2.5, true, null] }], undefined]);
  });

  it('refuses an invalid DateTime or BigInt before anything is queued', async () => {
    const { run, calls } = serverWith(() => Promise.reject(new Error('not reached')));
    for (const record of [
      { id: 'p1', bornAt: '2024-13-01T00:00:00Z' },
      { id: 'p1', wealth: '99999999999999999999' },
    ]) {
      const result = await run(UPSERT, { input: [record] });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    expect(calls).toEqual([]);
  });

  it('passes the code of an acceptance error through: BAD_USER_INPUT, BROKER_UNAVAILABLE', async () => {
    for (const code of ['BAD_USER_INPUT', 'BROKER_UNAVAILABLE'] as const) {
      const { run } = serverWith(() => Promise.reject(new MemgateError(code, `${code} happened`)));
      const result = await run(UPSERT, { input: [{ id: 'p1' }] });
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: `${code} happened`,
          extensions: expect.objectContaining({ code }),
        }),
      ]);
    }
  });

  it('finds a receipt by id with its status and entity references, and null for an unknown id', async () => {
    const { run } = serverWith(() => Promise.reject(new Error('not reached')));
    const query = /* GraphQL */ `
      query ($id: ID!) {
        ingestionReceipt(id: $id) {
          status
          source
          createdAt
          updatedAt
          people {
            id
          }
          readings {
            sensor
            seq
          }
          errors {
            topic
            partition
            offset
            reason
          }
        }
      }
    `;
    expect((await run(query, { id: 'r1' })).data).toEqual({
      ingestionReceipt: {
        status: 'COMPLETED',
        source: 'upsertPeople',
        createdAt: '2024-05-01T12:00:00Z',
        updatedAt: '2024-05-01T12:00:01Z',
        people: [{ id: 'p1' }, { id: 'p2' }],
        readings: [{ sensor: 's1', seq: 7 }],
        errors: [
          { topic: 'memgate.graph-ops', partition: 1, offset: '9', reason: 'no node Person:p9' },
        ],
      },
    });
    expect(await run(query, { id: 'unknown' })).toEqual({ data: { ingestionReceipt: null } });
  });

  it('resolves a receipt reference for the gateway', async () => {
    const { run } = serverWith(() => Promise.reject(new Error('not reached')));
    const result = await run(
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on IngestionReceipt {
              id
              written
            }
          }
        }
      `,
      { representations: [{ __typename: 'IngestionReceipt', id: 'r1' }] },
    );
    expect(result.data).toEqual({ _entities: [{ id: 'r1', written: 2 }] });
  });
});
