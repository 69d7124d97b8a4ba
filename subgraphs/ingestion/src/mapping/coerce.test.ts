import { scalarFields } from '@memgate/graph-model';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import { coerceScalar, coerceToField } from './coerce.js';
import { parseDateFormat } from './date-formats.js';

const fields = new Map(
  scalarFields(nodeOf(testModel(), 'Person')).map((field) => [field.name, field]),
);
const field = (name: string) => fields.get(name)!;

describe('coercion of raw values to the field type', () => {
  it.each([
    ['ID', 42, '42'],
    ['String', true, 'true'],
    ['Int', '36', 36],
    ['Int', ' -7 ', -7],
    ['Float', '0.25', 0.25],
    ['Float', 3, 3],
    ['Float', '1e3', 1000],
    ['Boolean', 'Yes', true],
    ['Boolean', 'n', false],
    ['Boolean', 0, false],
    ['BigInt', '9223372036854775807', '9223372036854775807'],
    ['BigInt', 12, '12'],
  ] as const)('reads %s from %j', (kind, raw, value) => {
    expect(coerceScalar(kind, raw)).toEqual({ value });
  });

  it.each([
    ['Int', 1.5, 'expected an Int, got 1.5'],
    ['Int', '1.5', 'expected an Int, got "1.5"'],
    ['Int', '9007199254740993', 'expected an Int, got "9007199254740993"'],
    ['Float', 'abc', 'expected a Float, got "abc"'],
    ['Boolean', 'maybe', 'expected a Boolean, got "maybe"'],
    ['BigInt', '9223372036854775808', 'expected a BigInt, got "9223372036854775808"'],
    ['String', { a: 1 }, 'expected a String, got {"a":1}'],
    ['ID', undefined, 'expected an ID, got nothing'],
  ] as const)('refuses %s from %j', (kind, raw, error) => {
    expect(coerceScalar(kind, raw)).toEqual({ error });
  });

  it('reads dates in the given format', () => {
    const format = parseDateFormat('YYYY-MM-DD');
    if ('error' in format) throw new Error(format.error);
    expect(coerceToField(field('bornAt'), '1815-12-10', { format })).toEqual({
      value: '1815-12-10T00:00:00.000Z',
    });
  });

  it('reads lists item by item, and splits a string when told to', () => {
    expect(coerceToField(field('tags'), ['a', 2])).toEqual({ value: ['a', '2'] });
    expect(coerceToField(field('tags'), 'a, b,,c', { split: ',' })).toEqual({
      value: ['a', 'b', 'c'],
    });
    expect(coerceToField(field('tags'), 'a')).toEqual({
      error: 'expected a list of String, got "a"',
    });
    expect(coerceToField(field('tags'), ['a', null])).toEqual({
      error: 'item 1: expected a String, got null',
    });
    expect(coerceToField(field('age'), [1])).toEqual({
      error: 'expected a single Int, got a list',
    });
  });
});
