import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { applyMapping } from './apply-mapping.js';
import type { CompiledMapping } from './compiled-mapping.js';
import { readMapping } from './read-mapping.js';
import type { RecordTransform } from './record-transform.js';

const receipt = { id: 'r1', source: 'contacts', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };

function compile(text: string, hook?: RecordTransform): CompiledMapping {
  const { mapping, problems } = readMapping('test.yaml', text, testModel());
  if (!mapping) throw new Error(problems.map((problem) => problem.message).join('\n'));
  return { ...mapping, hook };
}

const CONTACTS = compile(`
source: contacts
drop:
  - field: status
    equals: deleted
keep:
  - field: kind
    matches: ^(person|contact)$
nodes:
  - as: person
    type: Person
    key: { id: id }
    properties:
      name: name
      age: age
      active: { path: active, default: true }
      tags: { path: tags, split: ',' }
      bornAt: { path: born, format: YYYY-MM-DD }
      wealth: { value: '0' }
  - as: employer
    type: Organization
    when:
      - field: employer.id
        exists: true
    key: { id: employer.id }
    properties: { name: employer.name }
  - as: friend
    type: Person
    forEach: friends
    when:
      - field: id
        matches: ^p
    key: { id: id }
    properties:
      name: { path: name, default: unknown }
  - as: tag
    type: Organization
    forEach: memberships
    key: { id: $ }
    properties:
      name: { path: $record.name }
relationships:
  - type: WORKS_AT
    from: person
    to: employer
    properties: { role: employer.role, startYear: employer.since }
  - type: KNOWS
    from: person
    to: friend
    when:
      - field: close
        equals: true
    properties:
      strength: { path: strength, default: 0.5 }
      since: { path: $record.born, format: YYYY-MM-DD }
  - type: FOLLOWS
    from: person
    to: tag
`);

const ada = {
  kind: 'person',
  id: 'a1',
  name: 'Ada',
  age: '36',
  tags: 'math, poetry',
  born: '1815-12-10',
  employer: { id: 'o1', name: 'Engines', role: 'analyst', since: '1842' },
  friends: [
    { id: 'p2', name: 'Charles', close: true, strength: 0.9 },
    { id: 'x3', name: 'Not a person id', close: true },
    { id: 'p4', close: false },
  ],
  memberships: ['club'],
};

describe('applyMapping', () => {
  it('maps a record to upserts of its nodes and connects between them, coercing every value', async () => {
    const mapped = await applyMapping(CONTACTS, ada, receipt);
    if (mapped.kind !== 'operations') throw new Error(JSON.stringify(mapped));
    const upserts = mapped.operations.filter((operation) => operation.kind === 'upsertNode');
    expect(upserts).toEqual([
      {
        kind: 'upsertNode',
        type: 'Person',
        key: ['a1'],
        fields: {
          name: 'Ada',
          age: 36,
          active: true,
          tags: ['math', 'poetry'],
          bornAt: '1815-12-10T00:00:00.000Z',
          wealth: '0',
        },
        receipt,
      },
      {
        kind: 'upsertNode',
        type: 'Organization',
        key: ['o1'],
        fields: { name: 'Engines' },
        receipt,
      },
      { kind: 'upsertNode', type: 'Person', key: ['p2'], fields: { name: 'Charles' }, receipt },
      { kind: 'upsertNode', type: 'Person', key: ['p4'], fields: { name: 'unknown' }, receipt },
      { kind: 'upsertNode', type: 'Organization', key: ['club'], fields: { name: 'Ada' }, receipt },
    ]);
    expect(mapped.operations.filter((operation) => operation.kind === 'connect')).toEqual([
      {
        kind: 'connect',
        type: 'Person',
        field: 'worksAt',
        from: ['a1'],
        to: { type: 'Organization', key: ['o1'] },
        properties: { role: 'analyst', startYear: 1842 },
        receipt,
      },
      {
        kind: 'connect',
        type: 'Person',
        field: 'knows',
        from: ['a1'],
        to: { type: 'Person', key: ['p2'] },
        properties: { strength: 0.9, since: '1815-12-10T00:00:00.000Z' },
        receipt,
      },
      {
        kind: 'connect',
        type: 'Person',
        field: 'follows',
        from: ['a1'],
        to: { type: 'Organization', key: ['club'] },
        properties: {},
        receipt,
      },
    ]);
  });

  it('produces no node whose conditions fail, and no relationship to it', async () => {
    const mapped = await applyMapping(
      CONTACTS,
      { kind: 'person', id: 'a2', name: 'Grace' },
      receipt,
    );
    expect(mapped).toEqual({
      kind: 'operations',
      operations: [
        {
          kind: 'upsertNode',
          type: 'Person',
          key: ['a2'],
          fields: { name: 'Grace', active: true, wealth: '0' },
          receipt,
        },
      ],
    });
  });

  it('skips records a drop or keep rule leaves out', async () => {
    expect(await applyMapping(CONTACTS, { ...ada, status: 'deleted' }, receipt)).toEqual({
      kind: 'skipped',
      reason: 'drop rule: status equals "deleted"',
    });
    expect(await applyMapping(CONTACTS, { ...ada, kind: 'robot' }, receipt)).toEqual({
      kind: 'skipped',
      reason: 'keep rule: kind matches /^(person|contact)$/ does not hold',
    });
  });

  it.each([
    [{ kind: 'person', name: 'No key' }, 'nodes[0] (Person) key id: no value at "id"'],
    [{ kind: 'person', id: 'a1' }, 'nodes[0] (Person) name is non-null: no value at "name"'],
    [
      { kind: 'person', id: 'a1', name: 'Ada', age: 'old' },
      'nodes[0].properties.age (age): expected an Int, got "old"',
    ],
    [
      { kind: 'person', id: 'a1', name: 'Ada', born: '10/12/1815' },
      'nodes[0].properties.bornAt (born): expected a date as YYYY-MM-DD, got "10/12/1815"',
    ],
    [
      { kind: 'person', id: 'a1', name: 'Ada', friends: 'Charles' },
      'nodes[2] (Person) forEach: friends is "Charles", not a list',
    ],
    [
      { kind: 'person', id: 'a1', name: 'Ada', employer: { id: 'o1' } },
      'nodes[1] (Organization) name is non-null: no value at "employer.name"',
    ],
    [['not', 'a', 'record'], 'a record must be a JSON object, got a list'],
    [42, 'a record must be a JSON object, got 42'],
  ])('rejects %j: %s', async (record, reason) => {
    expect(await applyMapping(CONTACTS, record, receipt)).toEqual({ kind: 'rejected', reason });
  });

  it('rejects, in a strict mapping, records with top-level fields it never reads', async () => {
    const strict = compile(`
source: strict
strict: true
nodes:
  - as: person
    type: Person
    key: { id: id }
    properties: { name: name }
  - as: friend
    type: Person
    forEach: friends
    key: { id: id }
    properties: { name: $record.name }
`);
    expect(
      await applyMapping(strict, { id: 'a', name: 'A', friends: [{ id: 'b', x: 1 }] }, receipt),
    ).toMatchObject({
      kind: 'operations',
    });
    expect(await applyMapping(strict, { id: 'a', name: 'A', age: 3, shoe: 44 }, receipt)).toEqual({
      kind: 'rejected',
      reason: 'unknown fields age, shoe (the mapping is strict)',
    });
  });

  it('runs the hook first, on a copy; null skips, a throw rejects', async () => {
    const seen: unknown[] = [];
    const hook: RecordTransform = (record) => {
      seen.push(record);
      if (record['explode']) throw new Error('cannot handle it');
      if (record['draft']) return null;
      record['name'] = String(record['name']).toUpperCase();
      return record;
    };
    const mapping = { ...CONTACTS, hook };
    const original = { kind: 'person', id: 'a3', name: 'ada' };
    const mapped = await applyMapping(mapping, original, receipt);
    expect(mapped).toMatchObject({ kind: 'operations', operations: [{ fields: { name: 'ADA' } }] });
    expect(original.name).toBe('ada');
    expect(seen[0]).not.toBe(original);
    expect(await applyMapping(mapping, { ...original, draft: true }, receipt)).toEqual({
      kind: 'skipped',
      reason: 'the hook left it out',
    });
    expect(await applyMapping(mapping, { ...original, explode: true }, receipt)).toEqual({
      kind: 'rejected',
      reason: 'hook: cannot handle it',
    });
    const async = { ...CONTACTS, hook: () => Promise.resolve('nonsense' as unknown as null) };
    expect(await applyMapping(async, original, receipt)).toEqual({
      kind: 'rejected',
      reason: 'hook: returned "nonsense", not a record',
    });
  });

  it('pairs the items of one array when both ends fan out over it', async () => {
    const pairs = compile(`
source: pairs
nodes:
  - as: person
    type: Person
    forEach: jobs
    key: { id: person }
    properties: { name: person }
  - as: company
    type: Organization
    forEach: jobs
    key: { id: company }
    properties: { name: company }
relationships:
  - type: WORKS_AT
    from: person
    to: company
    properties: { role: role }
`);
    const mapped = await applyMapping(
      pairs,
      {
        jobs: [
          { person: 'p1', company: 'o1', role: 'a' },
          { person: 'p2', company: 'o2', role: 'b' },
        ],
      },
      receipt,
    );
    if (mapped.kind !== 'operations') throw new Error(JSON.stringify(mapped));
    expect(
      mapped.operations.flatMap((operation) =>
        operation.kind === 'connect'
          ? [[operation.from[0], operation.to.key[0], operation.properties['role']]]
          : [],
      ),
    ).toEqual([
      ['p1', 'o1', 'a'],
      ['p2', 'o2', 'b'],
    ]);
    expect(await applyMapping(pairs, { jobs: [] }, receipt)).toEqual({
      kind: 'skipped',
      reason: 'no node of the mapping applies to it',
    });
  });
});
