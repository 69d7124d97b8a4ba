import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  holdsMessage,
  holdsRecord,
  laterPosition,
  NOTHING_APPLIED,
  positionAfter,
  storedPosition,
} from './applied-position.js';

const whole = (offset: bigint) => ({ offset, index: undefined });
const halfway = (offset: bigint, index: number) => ({ offset, index });

describe('an applied position', () => {
  it('holds every record of earlier messages and, of its own message, those up to its index', () => {
    const applied = halfway(7n, 2);
    expect(holdsRecord(applied, { offset: '6', index: 900 })).toBe(true);
    expect(holdsRecord(applied, { offset: '7', index: 2 })).toBe(true);
    expect(holdsRecord(applied, { offset: '7', index: 3 })).toBe(false);
    expect(holdsRecord(applied, { offset: '8', index: 0 })).toBe(false);
    expect(holdsMessage(applied, '6')).toBe(true);
    expect(holdsMessage(applied, '7')).toBe(false);
  });

  it('without an index holds all of its message, a record without an index being one message', () => {
    expect(holdsRecord(whole(7n), { offset: '7', index: 900 })).toBe(true);
    expect(holdsRecord(whole(7n), { offset: '7' })).toBe(true);
    expect(holdsMessage(whole(7n), '7')).toBe(true);
    expect(holdsMessage(NOTHING_APPLIED, '0')).toBe(false);
  });

  it('is reached by a record: inside its message unless it ends it', () => {
    expect(positionAfter({ offset: '7', index: 2, endsMessage: false })).toEqual(halfway(7n, 2));
    expect(positionAfter({ offset: '7', index: 3, endsMessage: true })).toEqual(whole(7n));
    expect(positionAfter({ offset: '7' })).toEqual(whole(7n));
  });

  it('only moves forward', () => {
    expect(laterPosition(halfway(7n, 2), halfway(7n, 1))).toEqual(halfway(7n, 2));
    expect(laterPosition(halfway(7n, 2), whole(7n))).toEqual(whole(7n));
    expect(laterPosition(whole(7n), halfway(8n, 0))).toEqual(halfway(8n, 0));
    expect(laterPosition(whole(9n), halfway(8n, 0))).toEqual(whole(9n));
  });

  it('is read from what the offset node stores; an offset stored before frames is a whole message', () => {
    expect(storedPosition(neo4j.int(41), null)).toEqual(whole(41n));
    expect(storedPosition(neo4j.int(41), neo4j.int(6))).toEqual(halfway(41n, 6));
    expect(storedPosition(41, undefined)).toEqual(whole(41n));
    expect(storedPosition(null, null)).toEqual(NOTHING_APPLIED);
    expect(storedPosition('41', null)).toEqual(NOTHING_APPLIED);
  });
});
