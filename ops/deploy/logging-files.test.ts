import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): Promise<string> => readFile(new URL(path, root), 'utf8');

/** kustomize reads nothing outside a component's folder, so k8s keeps copies; they must not drift. */
const COPIES: readonly [string, string][] = [
  [
    'deploy/logging/elasticsearch/memgate-logs.pipeline.json',
    'k8s/components/logging/files/memgate-logs.pipeline.json',
  ],
  [
    'deploy/logging/elasticsearch/memgate-logs.index-template.json',
    'k8s/components/logging/files/memgate-logs.index-template.json',
  ],
  [
    'deploy/logging/kibana/memgate-saved-objects.ndjson',
    'k8s/components/logging/files/memgate-saved-objects.ndjson',
  ],
  ['deploy/logging/setup/setup.sh', 'k8s/components/logging/files/setup.sh'],
];

interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown> & {
    title: string;
    columns?: string[];
    kibanaSavedObjectMeta?: { searchSourceJSON: string };
  };
  references: { name: string; type: string; id: string }[];
}

/** Dotted names of every field the index template maps. */
function mappedFields(
  properties: Record<string, { properties?: Record<string, unknown> }>,
  prefix = '',
): string[] {
  return Object.entries(properties).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    return field.properties
      ? [path, ...mappedFields(field.properties as never, `${path}.`)]
      : [path];
  });
}

describe('logging configuration files', () => {
  it.each(COPIES)('%s is copied unchanged to %s', async (source, copy) => {
    expect(await read(copy)).toBe(await read(source));
  });

  it('has Kibana saved searches that use only fields the index template maps', async () => {
    const template = JSON.parse(
      await read('deploy/logging/elasticsearch/memgate-logs.index-template.json'),
    ) as {
      index_patterns: string[];
      template: {
        mappings: { properties: Record<string, { properties?: Record<string, unknown> }> };
      };
    };
    const fields = new Set(mappedFields(template.template.mappings.properties));
    const objects = (await read('deploy/logging/kibana/memgate-saved-objects.ndjson'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SavedObject);
    const dataView = objects.find((o) => o.type === 'index-pattern');
    expect(template.index_patterns).toContain(dataView?.attributes['title']);
    expect(fields.has(String(dataView?.attributes['timeFieldName']))).toBe(true);
    const searches = objects.filter((o) => o.type === 'search');
    expect(searches.map((s) => s.id).sort()).toEqual([
      'memgate-logs-by-request',
      'memgate-logs-by-trace',
      'memgate-logs-errors',
    ]);
    for (const search of searches) {
      expect(search.references).toEqual([
        expect.objectContaining({ type: 'index-pattern', id: dataView?.id }),
      ]);
      for (const column of search.attributes.columns ?? [])
        expect(fields.has(column), `${search.id}: ${column}`).toBe(true);
      const source = JSON.parse(
        search.attributes.kibanaSavedObjectMeta?.searchSourceJSON ?? '{}',
      ) as {
        query: { query: string };
      };
      // KQL field names: `name :` before each value.
      for (const [, field] of source.query.query.matchAll(/([\w.@]+)\s*:/g)) {
        expect(fields.has(field ?? ''), `${search.id}: ${field}`).toBe(true);
      }
    }
  });
});
