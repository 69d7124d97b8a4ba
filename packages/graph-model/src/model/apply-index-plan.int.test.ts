import { randomBytes } from 'node:crypto';
import { GraphClient } from '@memgate/cypher';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseGraphModel } from '../parse/parse-graph-model.js';
import { applyIndexPlan } from './apply-index-plan.js';

let client: GraphClient;

beforeAll(async () => {
  client = await GraphClient.connect(
    { uri: inject('boltUri'), user: inject('boltUser'), password: inject('boltPassword') },
    { timeoutMs: 30_000 },
  );
});

afterAll(async () => {
  await client.close();
});

/** Label → indexed properties, and label → unique properties, as the engine reports them. */
async function schemaOf(label: string): Promise<{ indexed: string[]; unique: string[] }> {
  if (client.engine === 'memgraph') {
    const indexes = await client.read({ text: 'SHOW INDEX INFO', params: {} });
    const constraints = await client.read({ text: 'SHOW CONSTRAINT INFO', params: {} });
    return {
      indexed: indexes
        .filter((r) => r.get('label') === label)
        .map((r) => String(r.get('property'))),
      unique: constraints
        .filter((r) => r.get('label') === label && r.get('constraint type') === 'unique')
        .map((r) => String(r.get('properties'))),
    };
  }
  const indexes = await client.read({
    text: 'SHOW INDEXES YIELD labelsOrTypes, properties, owningConstraint',
    params: {},
  });
  const constraints = await client.read({
    text: 'SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type',
    params: {},
  });
  const on = (record: (typeof indexes)[number]): boolean =>
    ((record.get('labelsOrTypes') as string[] | null) ?? []).includes(label);
  return {
    indexed: indexes.filter(on).flatMap((r) => r.get('properties') as string[]),
    unique: constraints
      .filter((r) => on(r) && String(r.get('type')).includes('UNIQUE'))
      .flatMap((r) => r.get('properties') as string[]),
  };
}

describe('applyIndexPlan on the real engine', () => {
  it('creates indexes and uniqueness constraints for keys, @id, @unique and @index, idempotently', async () => {
    const label = `Indexed_${randomBytes(4).toString('hex')}`;
    const model = parseGraphModel(`
      type Thing @node(labels: ["${label}"]) {
        id: ID! @id
        email: String @unique
        name: String @index
        note: String
      }
    `);
    await applyIndexPlan(client, model);
    // A second service starting against the same engine must not fail.
    await applyIndexPlan(client, model);
    const schema = await schemaOf(label);
    expect(schema.indexed.sort()).toEqual(expect.arrayContaining(['email', 'id', 'name']));
    expect(schema.indexed).not.toContain('note');
    expect(schema.unique.sort()).toEqual(['email', 'id']);
    // The constraint is enforced.
    await client.write({ text: `CREATE (:\`${label}\` {id: 'x'})`, params: {} });
    await expect(
      client.write({ text: `CREATE (:\`${label}\` {id: 'x'})`, params: {} }),
    ).rejects.toThrow();
    await client.write({ text: `MATCH (n:\`${label}\`) DETACH DELETE n`, params: {} });
  });
});
