import { fileURLToPath } from 'node:url';
import { parseGraphModel } from '@memgate/graph-model';
import { readGraphTypeDefs } from '@memgate/schema';
import { describe, expect, it } from 'vitest';
import { ingestionConfig } from '../server/config.js';
import { applyMapping } from './apply-mapping.js';
import { loadMappings } from './load-mappings.js';

/** The mappings shipped in `mappings/`, over the example domain of `schema/graph.graphql`. */
const dir = fileURLToPath(new URL('../../mappings/', import.meta.url));
const model = parseGraphModel(readGraphTypeDefs());
const receipt = { id: 'r1', source: 'example', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };

describe('the example mappings', () => {
  it('are the default mappings directory, and valid against the example domain', async () => {
    expect(ingestionConfig.mappingsDir.default).toBe(dir);
    const registry = await loadMappings({ dir, model, loadHooks: true });
    expect(registry.sources()).toEqual(['articles', 'crm-contacts']);
  });

  it('map a CRM contact to a Person, an Organization and WORKS_AT', async () => {
    const registry = await loadMappings({ dir, model, loadHooks: true });
    const mapped = await applyMapping(
      registry.require('crm-contacts'),
      {
        contact_id: 'c-17',
        full_name: 'Ada Lovelace',
        email: 'ada@example.org',
        age: '36',
        nicknames: 'Ada; Countess',
        birthday: '1815-12-10',
        job_title: 'Analyst',
        started: 1842,
        company: { id: 'o-3', name: 'Analytical Engines Ltd', industry: 'computing' },
      },
      receipt,
    );
    expect(mapped).toEqual({
      kind: 'operations',
      operations: [
        {
          kind: 'upsertNode',
          type: 'Person',
          key: ['c-17'],
          fields: {
            name: 'Ada Lovelace',
            email: 'ada@example.org',
            age: 36,
            active: true,
            aliases: ['Ada', 'Countess'],
            bornAt: '1815-12-10T00:00:00.000Z',
          },
          receipt,
        },
        {
          kind: 'upsertNode',
          type: 'Organization',
          key: ['o-3'],
          fields: { name: 'Analytical Engines Ltd', industry: 'computing' },
          receipt,
        },
        {
          kind: 'connect',
          type: 'Person',
          field: 'worksAt',
          from: ['c-17'],
          to: { type: 'Organization', key: ['o-3'] },
          properties: { role: 'Analyst', startYear: 1842, current: true },
          receipt,
        },
      ],
    });
  });

  it('map an article to a Document, its author and one Topic per topic, through the hook', async () => {
    const registry = await loadMappings({ dir, model, loadHooks: true });
    const articles = registry.require('articles');
    const mapped = await applyMapping(
      articles,
      {
        id: 'a-1',
        headline: 'Graphs at scale',
        published: 1714564800000,
        lang: 'en',
        tags: 'graphs,databases',
        author: { id: 'p-9', name: 'Grace Hopper' },
        topics: ['Graph Databases', { slug: 'Kafka', label: 'Kafka', relevance: 0.4 }],
      },
      receipt,
    );
    if (mapped.kind !== 'operations') throw new Error(JSON.stringify(mapped));
    expect(
      mapped.operations.map((operation) => [
        operation.kind,
        operation.type,
        'key' in operation ? operation.key : operation.to.key,
      ]),
    ).toEqual([
      ['upsertNode', 'Document', ['a-1']],
      ['upsertNode', 'Person', ['p-9']],
      ['upsertNode', 'Topic', ['graph-databases']],
      ['upsertNode', 'Topic', ['kafka']],
      ['connect', 'Person', ['a-1']],
      ['connect', 'Document', ['graph-databases']],
      ['connect', 'Document', ['kafka']],
    ]);
    expect(mapped.operations[0]).toMatchObject({
      fields: {
        title: 'Graphs at scale',
        publishedAt: '2024-05-01T12:00:00.000Z',
        tags: ['graphs', 'databases'],
      },
    });
    expect(
      mapped.operations
        .slice(5)
        .map((operation) => operation.kind === 'connect' && operation.properties),
    ).toEqual([{ score: 1 }, { score: 0.4 }]);
    expect(
      await applyMapping(articles, { id: 'a-2', status: 'draft', lang: 'en' }, receipt),
    ).toEqual({
      kind: 'skipped',
      reason: 'the hook left it out',
    });
    expect(
      await applyMapping(articles, { id: 'a-3', headline: 'Graphes', lang: 'fr' }, receipt),
    ).toEqual({
      kind: 'skipped',
      reason: 'keep rule: lang equals "en" does not hold',
    });
  });
});
