import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import { upsertsToOperations } from './upserts-to-operations.js';

const model = testModel();
const person = nodeOf(model, 'Person');
const reading = nodeOf(model, 'Reading');
const receipt = {
  id: 'r1',
  source: 'upsertPeople',
  accepted: 2,
  createdAt: '2024-05-01T12:00:00Z',
};

describe('upsertsToOperations', () => {
  it('maps each record to one upsert: key values in key order, other given fields as they are', () => {
    const operations = upsertsToOperations(
      person,
      [
        {
          id: 'p1',
          name: 'Ada',
          age: 36,
          tags: ['math'],
          bornAt: '1815-12-10T00:00:00Z',
          wealth: '9007199254740993',
        },
        { id: 'p2', score: 0.5, active: false },
      ],
      receipt,
    );
    expect(operations).toEqual([
      {
        kind: 'upsertNode',
        type: 'Person',
        key: ['p1'],
        fields: {
          name: 'Ada',
          age: 36,
          tags: ['math'],
          bornAt: '1815-12-10T00:00:00Z',
          wealth: '9007199254740993',
        },
        receipt,
      },
      {
        kind: 'upsertNode',
        type: 'Person',
        key: ['p2'],
        fields: { score: 0.5, active: false },
        receipt,
      },
    ]);
  });

  it('keeps an explicit null (it removes the property) and drops what was not given', () => {
    const [operation] = upsertsToOperations(
      person,
      [{ id: 'p1', age: null, name: undefined }],
      receipt,
    );
    expect(operation?.fields).toEqual({ age: null });
  });

  it('orders composite keys as @key lists them', () => {
    const [operation] = upsertsToOperations(
      reading,
      [{ seq: 7, value: 1.5, sensor: 's1' }],
      receipt,
    );
    expect(operation).toMatchObject({ type: 'Reading', key: ['s1', 7], fields: { value: 1.5 } });
  });

  it('refuses to remove a field the graph SDL declares non-null', () => {
    expect(() =>
      upsertsToOperations(person, [{ id: 'p1' }, { id: 'p2', name: null }], receipt),
    ).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'input[1].name: Person.name is non-null and cannot be removed.',
      }),
    );
  });

  it('refuses records without their key or with fields the type does not store', () => {
    expect(() => upsertsToOperations(reading, [{ sensor: 's1' }], receipt)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'input[0].seq: the key field is missing.',
      }),
    );
    expect(() => upsertsToOperations(person, [{ id: 'p1', knows: [] }], receipt)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'input[0].knows: Person has no stored field "knows".',
      }),
    );
  });
});
