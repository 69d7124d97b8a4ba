import { toBoltDateTime } from '@memgate/cypher';
import { scalarFields } from '@memgate/graph-model';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import { toBoltValue } from './bolt-values.js';

const fields = new Map(
  scalarFields(nodeOf(testModel(), 'Person')).map((field) => [field.name, field]),
);
const field = (name: string) => fields.get(name)!;

describe('toBoltValue', () => {
  it('stores Int and BigInt as Bolt integers, exactly', () => {
    expect(toBoltValue(field('age'), 36)).toEqual(neo4j.int(36));
    expect(String(toBoltValue(field('wealth'), '9223372036854775807'))).toBe('9223372036854775807');
    expect(neo4j.isInt(toBoltValue(field('wealth'), '-5'))).toBe(true);
  });

  it('stores DateTime as a zoned Bolt DateTime with its nanoseconds', () => {
    const value = toBoltValue(field('bornAt'), '2024-05-01T12:30:15.123456789+02:00');
    expect(value).toEqual(toBoltDateTime('2024-05-01T12:30:15.123456789+02:00'));
    expect(String(value)).toBe('2024-05-01T12:30:15.123456789+02:00');
  });

  it('passes strings, floats, booleans, lists and null through', () => {
    expect(toBoltValue(field('name'), 'Ada')).toBe('Ada');
    expect(toBoltValue(field('score'), 0.25)).toBe(0.25);
    expect(toBoltValue(field('active'), true)).toBe(true);
    expect(toBoltValue(field('tags'), ['a', 'b'])).toEqual(['a', 'b']);
    expect(toBoltValue(field('age'), null)).toBeNull();
  });

  it.each([
    ['age', 1.5, 'age: expected an Int, got 1.5.'],
    ['age', '36', 'age: expected an Int, got "36".'],
    ['wealth', '9223372036854775808', 'wealth: expected a BigInt, got "9223372036854775808".'],
    ['tags', 'a', 'tags: expected a list of String, got "a".'],
    ['tags', ['a', null], 'tags: expected a String, got null.'],
    ['name', ['a'], 'name: expected a single String, got ["a"].'],
    ['active', 'yes', 'active: expected a Boolean, got "yes".'],
  ] as const)('rejects %s = %j as bad input', (name, value, message) => {
    expect(() => toBoltValue(field(name), value)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message }),
    );
  });

  it('rejects a date-time the engine could not store', () => {
    expect(() => toBoltValue(field('bornAt'), '2024-13-01T00:00:00Z')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});
