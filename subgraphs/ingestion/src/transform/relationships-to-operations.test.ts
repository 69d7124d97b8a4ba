import type { RelationshipField } from '@memgate/graph-model';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import { deletesToOperations } from './deletes-to-operations.js';
import { connectsToOperations, disconnectsToOperations } from './relationships-to-operations.js';

const model = testModel();
const person = nodeOf(model, 'Person');
const field = (name: string): RelationshipField => {
  const found = person.fields.get(name);
  if (found?.kind !== 'relationship') throw new Error(name);
  return found;
};
const receipt = { id: 'r1', source: 'test', accepted: 1, createdAt: '2024-05-01T12:00:00Z' };

describe('connectsToOperations', () => {
  it('keys both ends and keeps the given properties, an explicit null included', () => {
    expect(
      connectsToOperations(
        model,
        person,
        field('knows'),
        [
          {
            from: { id: 'p1' },
            to: { id: 'p2' },
            properties: { strength: null, since: undefined },
          },
          { from: { id: 'p1' }, to: { id: 'p3' } },
        ],
        receipt,
      ),
    ).toEqual([
      {
        kind: 'connect',
        type: 'Person',
        field: 'knows',
        from: ['p1'],
        to: { type: 'Person', key: ['p2'] },
        properties: { strength: null },
        receipt,
      },
      {
        kind: 'connect',
        type: 'Person',
        field: 'knows',
        from: ['p1'],
        to: { type: 'Person', key: ['p3'] },
        properties: {},
        receipt,
      },
    ]);
  });

  it('takes the end type from the one-of member of an abstract target', () => {
    const [operation] = connectsToOperations(
      model,
      person,
      field('follows'),
      [{ from: { id: 'p1' }, to: { Organization: { id: 'o1' }, Person: null } }],
      receipt,
    );
    expect(operation?.to).toEqual({ type: 'Organization', key: ['o1'] });
  });

  it.each([
    [
      { from: { id: 'p1' }, to: {} },
      'input[0].to: give exactly one of Person, Organization (got none).',
    ],
    [
      { from: { id: 'p1' }, to: { Person: { id: 'p2' }, Organization: { id: 'o1' } } },
      'input[0].to: give exactly one of Person, Organization (got Person, Organization).',
    ],
    [
      { from: { id: 'p1' }, to: { Reading: { sensor: 's', seq: 1 } } },
      'input[0].to: Reading is not one of Person, Organization.',
    ],
    [{ from: {}, to: { Person: { id: 'p2' } } }, 'input[0].from.id: the key field is missing.'],
  ])('refuses %j', (input, message) => {
    expect(() => connectsToOperations(model, person, field('follows'), [input], receipt)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message }),
    );
  });

  it('refuses properties the relationship does not have', () => {
    expect(() =>
      connectsToOperations(
        model,
        person,
        field('knows'),
        [{ from: { id: 'p1' }, to: { id: 'p2' }, properties: { weight: 1 } }],
        receipt,
      ),
    ).toThrow(
      expect.objectContaining({
        message: 'input[0].properties.weight: Acquaintance has no field "weight".',
      }),
    );
  });
});

describe('disconnectsToOperations and deletesToOperations', () => {
  it('key the relationship ends and the deleted nodes', () => {
    expect(
      disconnectsToOperations(
        model,
        person,
        field('recorded'),
        [{ from: { id: 'p1' }, to: { seq: 7, sensor: 's1' } }],
        receipt,
      ),
    ).toEqual([
      {
        kind: 'disconnect',
        type: 'Person',
        field: 'recorded',
        from: ['p1'],
        to: { type: 'Reading', key: ['s1', 7] },
        receipt,
      },
    ]);
    expect(
      deletesToOperations(nodeOf(model, 'Reading'), [{ seq: 7, sensor: 's1' }], receipt),
    ).toEqual([{ kind: 'deleteNode', type: 'Reading', key: ['s1', 7], receipt }]);
    expect(() => deletesToOperations(person, [{}], receipt)).toThrow(
      'keys[0].id: the key field is missing.',
    );
  });
});
