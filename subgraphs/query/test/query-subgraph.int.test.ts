import { GraphClient } from '@memgate/cypher';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveGraph, type LiveGraph } from './live-graph.js';
import { KNOWLEDGE_SDL, SEED_CYPHER } from './knowledge-graph.js';
import { KNOWS, PEOPLE, WORKS_AT, seedParams } from './seed-data.js';

let graph: LiveGraph;

beforeAll(async () => {
  graph = await createLiveGraph(KNOWLEDGE_SDL);
  await graph.seed(SEED_CYPHER, seedParams());
});

afterAll(async () => {
  await graph.dispose();
});

function data(result: ExecutionResult): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

const ids = (rows: unknown): string[] => (rows as { id: string }[]).map((row) => row.id);

describe('query subgraph on the real engine', () => {
  it('filters, sorts and pages a root list', async () => {
    const result = data(
      await graph.run(
        '{ people(where: { age: { gte: 30 } }, sort: [{ age: DESC }], offset: 1, limit: 3) { id age } }',
      ),
    );
    const expected = [...PEOPLE]
      .filter((p) => p.age >= 30)
      .sort((a, b) => b.age - a.age)
      .slice(1, 4);
    expect(result['people']).toEqual(expected.map((p) => ({ id: p.id, age: p.age })));
  });

  it('returns every scalar type without losing precision', async () => {
    const result = data(
      await graph.run(
        '{ people(where: { id: { eq: "p1" } }) { name age influence active aliases bornAt balance } }',
      ),
    );
    expect(result['people']).toEqual([
      {
        name: 'Ada',
        age: 36,
        influence: 0.9,
        active: true,
        aliases: ['Countess'],
        bornAt: '1815-12-10T08:00:00.123456789Z',
        balance: '9007199254740993',
      },
    ]);
  });

  it('applies every string and list filter', async () => {
    const run = async (where: string): Promise<string[]> =>
      ids(
        data(await graph.run(`{ people(where: ${where}, sort: [{ id: ASC }]) { id } }`))['people'],
      );
    expect(await run('{ name: { startsWith: "A" } }')).toEqual(['p1', 'p2']);
    expect(await run('{ name: { contains: "r" } }')).toEqual(['p3', 'p4', 'p5']);
    expect(await run('{ name: { endsWith: "ld" } }')).toEqual(['p6']);
    expect(await run('{ name: { matches: "^[AB].*a$" } }')).toEqual(['p1', 'p5']);
    expect(await run('{ aliases: { includes: "Don" } }')).toEqual(['p6']);
    expect(await run('{ aliases: { isEmpty: true } }')).toEqual(['p2', 'p4', 'p5']);
    expect(await run('{ id: { in: ["p2", "p9", "p4"] } }')).toEqual(['p2', 'p4']);
    expect(await run('{ NOT: { active: { eq: true } } }')).toEqual(['p3', 'p6']);
    expect(await run('{ OR: [{ age: { lt: 30 } }, { age: { gt: 80 } }] }')).toEqual(['p3', 'p5']);
    expect(await run('{ bornAt: { lt: "1913-01-01T00:00:00Z" } }')).toEqual(['p1', 'p2', 'p3']);
    expect(await run('{ balance: { gt: "9007199254740992" } }')).toEqual(['p1']);
    expect(await run('{ age: { not: { in: [36, 41] } }, influence: { gte: 0.5 } }')).toEqual([
      'p3',
      'p4',
      'p5',
    ]);
  });

  it('applies relationship quantifiers', async () => {
    const run = async (where: string): Promise<string[]> =>
      ids(
        data(await graph.run(`{ people(where: ${where}, sort: [{ id: ASC }]) { id } }`))['people'],
      );
    expect(await run('{ knows: { some: { age: { gt: 80 } } } }')).toEqual(['p1']);
    expect(await run('{ knows: { none: {} } }')).toEqual(['p5', 'p6']);
    // Vacuously true for people who know nobody.
    expect(await run('{ knows: { all: { active: { eq: true } } } }')).toEqual([
      'p2',
      'p3',
      'p5',
      'p6',
    ]);
    expect(await run('{ knows: { single: { age: { lt: 40 } } } }')).toEqual(['p4']);
    expect(
      await run('{ worksAtConnection: { some: { properties: { role: { eq: "Advisor" } } } } }'),
    ).toEqual(['p1']);
    expect(
      await run(
        '{ knowsConnection: { some: { properties: { strength: { gte: 0.7 } }, node: { active: { eq: false } } } } }',
      ),
    ).toEqual(['p4']);
  });

  it('nests relationships three deep with filters, sorting and aliases in one statement', async () => {
    const statements: string[] = [];
    const stop = graph.executor.observe(({ statement }) => statements.push(statement.text));
    const result = data(
      await graph.run(`{
        people(where: { id: { eq: "p1" } }) {
          close: knows(where: { age: { lt: 50 } }, sort: [{ age: DESC }]) { id }
          all: knows(sort: [{ id: ASC }]) { id knows { id worksAt { name } } }
          authored { title mentions { __typename name ... on Person { age } } }
        }
      }`),
    );
    stop();
    expect(statements).toHaveLength(1);
    expect(result['people']).toEqual([
      {
        close: [{ id: 'p2' }],
        all: [
          {
            id: 'p2',
            knows: expect.arrayContaining([
              {
                id: 'p1',
                worksAt: expect.arrayContaining([
                  { name: 'Analytical Engines' },
                  { name: 'Bletchley' },
                ]),
              },
              { id: 'p5', worksAt: [{ name: 'Bletchley' }] },
            ]),
          },
          { id: 'p3', knows: [{ id: 'p4', worksAt: [] }] },
          { id: 'p4', knows: [{ id: 'p6', worksAt: [] }] },
        ],
        authored: [
          {
            title: 'Notes',
            mentions: expect.arrayContaining([
              { __typename: 'Organization', name: 'Analytical Engines' },
              { __typename: 'Person', name: 'Alan', age: 41 },
            ]),
          },
        ],
      },
    ]);
  });

  it('lists an interface across its implementing types', async () => {
    const result = data(
      await graph.run(
        '{ entities(where: { name: { startsWith: "B" } }, sort: [{ name: ASC }]) { __typename name ... on Person { age } } }',
      ),
    );
    expect(result['entities']).toEqual([
      { __typename: 'Person', name: 'Barbara', age: 29 },
      { __typename: 'Organization', name: 'Bletchley' },
    ]);
  });

  it('projects union members by label', async () => {
    const result = data(
      await graph.run(
        '{ people(where: { id: { eq: "p5" } }) { follows { __typename ... on Person { id } ... on Organization { name } } } }',
      ),
    );
    expect((result['people'] as { follows: unknown[] }[])[0]?.follows).toEqual(
      expect.arrayContaining([
        { __typename: 'Person', id: 'p1' },
        { __typename: 'Organization', name: 'Analytical Engines' },
      ]),
    );
  });

  it('pages through a connection with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result = data(
        await graph.run(
          'query ($after: String) { peopleConnection(first: 4, after: $after, sort: [{ active: DESC }]) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
          { after },
        ),
      );
      const page = result['peopleConnection'] as {
        totalCount: number;
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      };
      pages += 1;
      expect(page.totalCount).toBe(PEOPLE.length);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 1);
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(2);
    // Active first, then the key breaks ties.
    expect(seen).toEqual(['p1', 'p2', 'p4', 'p5', 'p3', 'p6']);
  });

  it('serves relationship connections with properties, sorted by a property', async () => {
    const result = data(
      await graph.run(`{ people(where: { id: { eq: "p1" } }) {
        knowsConnection(sort: [{ properties: { strength: DESC } }], first: 2) {
          totalCount edges { properties { strength } node { id } } pageInfo { hasNextPage }
        }
      } }`),
    );
    expect(result['people']).toEqual([
      {
        knowsConnection: {
          totalCount: 3,
          edges: [
            { properties: { strength: 0.9 }, node: { id: 'p2' } },
            { properties: { strength: 0.5 }, node: { id: 'p4' } },
          ],
          pageInfo: { hasNextPage: true },
        },
      },
    ]);
  });

  it('aggregates nodes and relationships', async () => {
    const result = data(
      await graph.run(`{
        peopleAggregate(where: { active: { eq: true } }) { count node { age { min max avg sum } name { shortest longest } bornAt { min } } }
        organizationsAggregate { node { revenue { sum max } } }
      }`),
    );
    const active = PEOPLE.filter((p) => p.active);
    const ages = active.map((p) => p.age);
    expect(result['peopleAggregate']).toEqual({
      count: active.length,
      node: {
        age: {
          min: Math.min(...ages),
          max: Math.max(...ages),
          avg: ages.reduce((a, b) => a + b, 0) / ages.length,
          sum: ages.reduce((a, b) => a + b, 0),
        },
        name: { shortest: 'Ada', longest: 'Barbara' },
        bornAt: { min: '1815-12-10T08:00:00.123456789Z' },
      },
    });
    expect(result['organizationsAggregate']).toEqual({
      node: { revenue: { sum: '123456789012345683', max: '123456789012345678' } },
    });
    const nested = data(
      await graph.run(
        '{ people(where: { id: { eq: "p1" } }) { knowsAggregate { count node { age { max } } properties { strength { min } } } worksAtAggregate(where: { name: { eq: "Bletchley" } }) { count } } }',
      ),
    );
    const knownByAda = KNOWS.filter(([from]) => from === 'p1');
    expect(nested['people']).toEqual([
      {
        knowsAggregate: {
          count: knownByAda.length,
          node: { age: { max: 85 } },
          properties: {
            strength: { min: Math.min(...knownByAda.map(([, , strength]) => strength)) },
          },
        },
        worksAtAggregate: { count: WORKS_AT.filter(([p, o]) => p === 'p1' && o === 'o2').length },
      },
    ]);
  });

  it('computes @cypher fields per node', async () => {
    const result = data(await graph.run('{ people(sort: [{ id: ASC }]) { id friendCount } }'));
    expect(result['people']).toEqual(
      PEOPLE.map((p) => ({
        id: p.id,
        friendCount: KNOWS.filter(([from]) => from === p.id).length,
      })),
    );
  });

  it('resolves entities in order, with null for unknown keys, in one statement per type', async () => {
    const statements: string[] = [];
    const stop = graph.executor.observe(({ statement }) => statements.push(statement.text));
    const result = data(
      await graph.run(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name knows(sort: [{ id: ASC }]) { id } } ... on Organization { name } } }',
        {
          r: [
            { __typename: 'Person', id: 'p3' },
            { __typename: 'Organization', id: 'o2' },
            { __typename: 'Person', id: 'nobody' },
            { __typename: 'Person', id: 'p3' },
            { __typename: 'Person', id: 'p5' },
          ],
        },
      ),
    );
    stop();
    expect(result['_entities']).toEqual([
      { name: 'Grace', knows: [{ id: 'p4' }] },
      { name: 'Bletchley' },
      null,
      { name: 'Grace', knows: [{ id: 'p4' }] },
      { name: 'Barbara', knows: [] },
    ]);
    expect(statements).toHaveLength(2);
  });

  it('sends exactly one statement per root field', async () => {
    const counts: number[] = [];
    for (const operation of [
      '{ people { id } }',
      '{ people { knows { knows { knows { id } } } worksAtConnection { totalCount } knowsAggregate { count } } }',
      '{ peopleConnection(first: 2) { totalCount edges { node { authored { mentions { name } } } } } }',
      '{ a: people { id } b: people(limit: 1) { name } organizationsAggregate { count } }',
    ]) {
      let statements = 0;
      const stop = graph.executor.observe(() => (statements += 1));
      data(await graph.run(operation));
      stop();
      counts.push(statements);
    }
    expect(counts).toEqual([1, 1, 1, 3]);
  });
});

describe('query subgraph errors on the real engine', () => {
  it('reports RESULT_TOO_LARGE instead of cutting a list', async () => {
    const small = await createLiveGraph(KNOWLEDGE_SDL, { maxListSize: 3 });
    try {
      await small.seed(SEED_CYPHER, seedParams());
      const result = await small.run('{ people { id } }');
      expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'RESULT_TOO_LARGE' });
      const nested = await small.run('{ people(where: { id: { eq: "p1" } }) { knows { id } } }');
      expect(nested.errors).toBeUndefined();
      const within = await small.run('{ people(limit: 3) { id } }');
      expect(within.errors).toBeUndefined();
    } finally {
      await small.dispose();
    }
  });

  it('reports QUERY_TIMEOUT when a read overruns', async () => {
    const slow = await createLiveGraph(
      `type Clock @node(labels: ["{Clock}"]) { id: ID! @id
        spin: Int @cypher(statement: "UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 0 AND this IS NOT NULL RETURN count(x) AS c", columnName: "c") }`,
      { timeoutMs: 300 },
    );
    try {
      await slow.seed('CREATE (:{Clock} {id: "c1"})');
      const result = await slow.run('{ clocks { spin } }');
      expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'QUERY_TIMEOUT' });
    } finally {
      await slow.dispose();
    }
  });

  it('reports DATABASE_UNAVAILABLE when the engine cannot be reached', async () => {
    await expect(
      GraphClient.connect({ uri: 'bolt://127.0.0.1:1' }, { timeoutMs: 2_000, maxRetryTimeMs: 500 }),
    ).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('rejects an Int property outside 32 bits instead of corrupting it', async () => {
    await graph.seed('CREATE (:{Person} {id: "huge", name: "Huge", age: $age, balance: $age})', {
      age: (await import('neo4j-driver')).default.int('4294967296'),
    });
    const result = await graph.run('{ people(where: { id: { eq: "huge" } }) { balance age } }');
    expect(result.errors?.[0]?.message).toMatch(
      /Int cannot represent non 32-bit signed integer value: 4294967296/,
    );
    const balance = data(await graph.run('{ people(where: { id: { eq: "huge" } }) { balance } }'));
    expect(balance['people']).toEqual([{ balance: '4294967296' }]);
  });
});
