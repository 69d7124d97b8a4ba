import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { postGraphQL, queryGraphQL } from '../../scripts/stack/graphql-client.js';
import { startStack, type RunningStack } from '../../scripts/stack/start-stack.js';
import { loadDemoGraph } from '../../scripts/demo/load-demo-graph.js';
import { DEMO_RELATIONSHIPS } from '../../scripts/demo/demo-graph.js';

/**
 * The stack exactly as `npm start` wires it — gateway, query subgraph,
 * ingestion subgraph and worker — on the test run's engine and broker.
 */
let stack: RunningStack;
const suffix = Math.random().toString(36).slice(2, 8);
const id = (name: string): string => `e2e-${suffix}-${name}`;

beforeAll(async () => {
  stack = await startStack({
    anyFreePorts: true,
    environment: {
      ...process.env,
      LOG_LEVEL: 'warn',
      // Topics and consumer group of this test only.
      MEMGATE_KAFKA_TOPIC_PREFIX: `e2e-${suffix}.`,
      MEMGATE_WORKER_GROUP_ID: `e2e-${suffix}`,
    },
    services: {
      engine: {
        uri: inject('boltUri'),
        user: inject('boltUser'),
        password: inject('boltPassword'),
        external: true,
        readyAfterMs: 0,
      },
      kafka: { brokers: inject('kafkaBrokers'), external: true, readyAfterMs: 0 },
      stop: () => Promise.resolve(),
    },
  });
});

afterAll(async () => {
  await stack.stop();
});

interface Receipt {
  id: string;
  status: string;
  accepted: number;
  written: number;
  people?: { id: string; name: string | null; age: number | null }[];
}

async function waitForReceipt(receiptId: string): Promise<Receipt> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const data = await queryGraphQL<{ ingestionReceipt: Receipt | null }>(
      stack.gatewayUrl,
      'query ($id: ID!) { ingestionReceipt(id: $id) { id status accepted written people { id name age } } }',
      { id: receiptId },
    );
    if (data.ingestionReceipt?.status === 'COMPLETED' || Date.now() > deadline) {
      if (!data.ingestionReceipt) throw new Error(`receipt ${receiptId} not found`);
      return data.ingestionReceipt;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('federation through the gateway', () => {
  it('writes through the ingestion subgraph and reads the result joined from both subgraphs', async () => {
    const accepted = await queryGraphQL<{ upsertPeople: Receipt }>(
      stack.gatewayUrl,
      'mutation ($input: [PersonInput!]!) { upsertPeople(input: $input) { id status accepted } }',
      {
        input: [
          { id: id('ada'), name: 'Ada', age: 36 },
          { id: id('alan'), name: 'Alan', age: 41 },
        ],
      },
    );
    expect(accepted.upsertPeople).toMatchObject({ status: 'ACCEPTED', accepted: 2 });

    // ingestionReceipt comes from the ingestion subgraph, people { name age }
    // from the query subgraph through _entities: one query, both subgraphs.
    const receipt = await waitForReceipt(accepted.upsertPeople.id);
    expect(receipt).toMatchObject({ status: 'COMPLETED', accepted: 2, written: 2 });
    expect(receipt.people).toEqual(
      expect.arrayContaining([
        { id: id('ada'), name: 'Ada', age: 36 },
        { id: id('alan'), name: 'Alan', age: 41 },
      ]),
    );

    const read = await queryGraphQL<{ people: { id: string; name: string }[] }>(
      stack.gatewayUrl,
      `{ people(where: { id: { startsWith: "e2e-${suffix}-" } }, sort: [{ name: ASC }]) { id name } }`,
    );
    expect(read.people).toEqual([
      { id: id('ada'), name: 'Ada' },
      { id: id('alan'), name: 'Alan' },
    ]);
  });

  it('passes typed errors of a subgraph through with their code', async () => {
    const result = await postGraphQL(
      stack.gatewayUrl,
      '{ peopleConnection(after: "forged") { totalCount } }',
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('loads the demo graph as npm start does, relationships included', async () => {
    // Fixed ids: loading it twice (another run on the same engine) merges, never duplicates.
    const demo = await loadDemoGraph(stack.gatewayUrl, 30_000);
    expect(demo.nodes.every((receipt) => receipt.status === 'COMPLETED')).toBe(true);
    expect(demo.relationships.every((receipt) => receipt.status === 'COMPLETED')).toBe(true);
    expect(demo.relationships.reduce((sum, receipt) => sum + receipt.accepted, 0)).toBe(
      DEMO_RELATIONSHIPS.length,
    );

    const read = await queryGraphQL<{ people: unknown[] }>(
      stack.gatewayUrl,
      `{ people(where: { id: { in: ["person-ada", "person-tim"] } }, sort: [{ name: ASC }]) {
          name
          knows { name }
          worksAt { name }
          authored { title about { name } }
          attended { name }
          follows { __typename ... on Person { name } }
        } }`,
    );
    expect(read.people).toEqual([
      {
        name: 'Ada Lovelace',
        knows: [{ name: 'Alan Turing' }],
        worksAt: [{ name: 'Memgraph' }],
        authored: [{ title: 'Notes on the Analytical Engine', about: [{ name: 'Computability' }] }],
        attended: [{ name: 'History of Computing Retrospective' }],
        follows: [],
      },
      expect.objectContaining({
        follows: [{ __typename: 'Person', name: 'Ada Lovelace' }],
      }),
    ]);
  });
});
