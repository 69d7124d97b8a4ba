import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_MAPPINGS_DIR } from '../../test/ingestion-paths.js';
import { testModel } from '../../test/test-model.js';
import { applyMapping } from './apply-mapping.js';
import { loadMappings } from './load-mappings.js';

const model = testModel();
const dirs: string[] = [];

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'memgate-mappings-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const mapping = (source: string, extra = '') => `source: ${source}
${extra}nodes:
  - as: person
    type: Person
    key: { id: id }
    properties: { name: name }
`;

describe('loadMappings', () => {
  it('reads every YAML and JSON file of the directory, and nothing else', async () => {
    const dir = await dirWith({
      'a.yaml': mapping('alpha'),
      'b.yml': mapping('beta'),
      'c.json': JSON.stringify({
        source: 'gamma',
        nodes: [{ as: 'p', type: 'Person', key: { id: 'id' }, properties: { name: 'name' } }],
      }),
      'README.md': '# not a mapping',
      'hook.js': 'export const transform = (r) => r;',
    });
    const registry = await loadMappings({ dir, model, loadHooks: true });
    expect(registry.sources()).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('lists every problem of every file at once, each with its file and line', async () => {
    const dir = await dirWith({
      'a.yaml': mapping('alpha').replace('type: Person', 'type: Persn'),
      'b.yaml': mapping('beta'),
      'c.yaml': 'source: [',
      'd.yaml': mapping('beta'),
    });
    const failure = await loadMappings({ dir, model, loadHooks: false }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      code: 'INVALID_CONFIG',
      details: {
        problems: [
          `${dir}/a.yaml:4:5: nodes[0].type: the graph has no node type "Persn" (node types: Person, Organization, Reading)`,
          `${dir}/c.yaml:1:10: Flow sequence in block collection must be sufficiently indented and end with a ]`,
          `${dir}/d.yaml:1:1: source: the source "beta" is already mapped by ${dir}/b.yaml`,
        ],
      },
    });
    expect((failure as Error).message).toMatch(/^Invalid ingestion mappings:\n {2}\//);
  });

  it('reads a source that consumes an existing topic, and checks its topic and group', async () => {
    const dir = await dirWith({
      'feed.yaml': mapping('feed', 'topic: crm.events\ngroupId: crm-readers\n'),
      'other.yaml': mapping('other'),
    });
    const registry = await loadMappings({ dir, model, loadHooks: false });
    expect(
      registry.topicSources().map((found) => [found.source, found.topic, found.groupId]),
    ).toEqual([['feed', 'crm.events', 'crm-readers']]);

    const bad = await dirWith({
      'a.yaml': mapping('alpha', 'topic: not a topic!\n'),
      'b.yaml': mapping('beta', 'groupId: lonely\n'),
      'c.yaml': mapping('gamma', 'topic: shared\n'),
      'd.yaml': mapping('delta', 'topic: shared\n'),
      'e.yaml': mapping('epsilon', 'topic: shared\ngroupId: own\n'),
    });
    const failure = await loadMappings({ dir: bad, model, loadHooks: false }).catch(
      (error: unknown) => error,
    );
    expect((failure as { details: { problems: string[] } }).details.problems).toEqual([
      `${bad}/a.yaml:2:1: topic: must be a Kafka topic name: letters, digits, ".", "_" or "-"`,
      `${bad}/b.yaml:2:1: groupId: groupId names the consumer group of topic: give topic too`,
      `${bad}/d.yaml:2:1: topic: the topic shared (group of the workers) is already read by ${bad}/c.yaml`,
    ]);
  });

  it('imports hooks for the worker, and only checks that they exist for the subgraph', async () => {
    const dir = await dirWith({
      'a.yaml': mapping('alpha', 'hook: ./upper.mjs\n'),
      'upper.mjs': 'export default (record) => ({ ...record, name: record.name.toUpperCase() });',
    });
    const worker = await loadMappings({ dir, model, loadHooks: true });
    const receipt = { id: 'r', source: 'alpha', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };
    expect(
      await applyMapping(worker.require('alpha'), { id: 'p1', name: 'ada' }, receipt),
    ).toMatchObject({
      operations: [{ fields: { name: 'ADA' } }],
    });
    const subgraph = await loadMappings({ dir, model, loadHooks: false });
    expect(subgraph.require('alpha').hook).toBeUndefined();
    expect(subgraph.require('alpha').hookPath).toBe(join(dir, 'upper.mjs'));
  });

  it('loads a TypeScript hook where the runtime understands TypeScript', async () => {
    const registry = await loadMappings({ dir: TEST_MAPPINGS_DIR, model, loadHooks: true });
    expect(typeof registry.require('contacts').hook).toBe('function');
  });

  it('reports a hook that is missing, broken or exports no function, at the hook line', async () => {
    const dir = await dirWith({
      'a.yaml': mapping('alpha', 'hook: ./missing.mjs\n'),
      'b.yaml': mapping('beta', 'hook: ./broken.mjs\n'),
      'c.yaml': mapping('gamma', 'hook: ./nothing.mjs\n'),
      'broken.mjs': 'export const transform = ;',
      'nothing.mjs': 'export const value = 1;',
    });
    const failure = await loadMappings({ dir, model, loadHooks: true }).catch(
      (error: unknown) => error,
    );
    expect((failure as { details: { problems: string[] } }).details.problems).toEqual([
      `${dir}/a.yaml:2:1: hook: the hook module ${dir}/missing.mjs does not exist`,
      expect.stringMatching(
        new RegExp(`^${dir}/b\\.yaml:2:1: hook: cannot load the hook module ${dir}/broken\\.mjs: `),
      ),
      `${dir}/c.yaml:2:1: hook: the hook module ${dir}/nothing.mjs exports no transform function (export const transform = (record) => record)`,
    ]);
  });

  it('refuses a directory that cannot be read, naming the variable', async () => {
    await expect(
      loadMappings({ dir: '/no/such/dir', model, loadHooks: false }),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('/no/such/dir (MEMGATE_INGESTION_MAPPINGS_DIR)'),
    });
  });

  it('answers BAD_USER_INPUT naming the known sources for an unknown one', async () => {
    const registry = await loadMappings({
      dir: await dirWith({ 'a.yaml': mapping('alpha') }),
      model,
      loadHooks: false,
    });
    expect(() => registry.require('beta')).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'Unknown source "beta". Known sources: alpha.',
      }),
    );
    const empty = await loadMappings({ dir: await dirWith({}), model, loadHooks: false });
    expect(() => empty.require('beta')).toThrow(/no source is configured/);
  });
});
