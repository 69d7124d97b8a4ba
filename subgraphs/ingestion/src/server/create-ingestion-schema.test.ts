import { ApolloServer } from '@apollo/server';
import type { NodeType } from '@memgate/graph-model';
import { createFormatError, MemgateError } from '@memgate/platform/errors';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { testModel } from '../../test/test-model.js';
import type { Receipt } from '../receipts/receipt.js';
import { createIngestionSchema, type IngestionServices } from './create-ingestion-schema.js';

const stored: Receipt = {
  id: 'r1',
  source: 'upsertPeople',
  accepted: 2,
  written: 2,
  rejected: 0,
  createdAt: '2024-05-01T12:00:00Z',
  updatedAt: '2024-05-01T12:00:01Z',
  entityKeys: new Map([
    ['Person', ['p1', 'p2']],
    ['Reading', ['["s1",7]']],
  ]),
};

function serverWith(accept: IngestionServices['acceptor']['accept']) {
  const calls: { node: string; source: string; records: unknown }[] = [];
  const services: IngestionServices = {
    acceptor: {
      accept: (node: NodeType, source, records) => {
        calls.push({ node: node.name, source, records });
        return accept(node, source, records);
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
  return { run, calls };
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
        node: 'Person',
        source: 'upsertPeople',
        records: [
          {
            id: 'p1',
            name: 'Ada',
            age: 36,
            bornAt: '1815-12-10T00:00:00Z',
            wealth: '9007199254740993',
          },
        ],
      },
    ]);
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
      const result = await run(UPSERT, { input: [] });
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
