import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import { decodeEntityKey, encodeEntityKey, entityMessageKey } from './entity-key.js';

const model = testModel();

describe('entity keys', () => {
  it('are the bare value for a single key field and a JSON array for a composite key', () => {
    expect(encodeEntityKey(['p1'])).toBe('p1');
    expect(encodeEntityKey(['s1', 7])).toBe('["s1",7]');
    expect(entityMessageKey('Reading', ['s1', 7])).toBe('Reading:["s1",7]');
  });

  it('decode into federation key fields typed as the GraphQL key fields', () => {
    expect(decodeEntityKey(nodeOf(model, 'Person'), 'p1')).toEqual({ id: 'p1' });
    expect(decodeEntityKey(nodeOf(model, 'Reading'), '["s1",7]')).toEqual({ sensor: 's1', seq: 7 });
  });
});
