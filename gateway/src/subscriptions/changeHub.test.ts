import { describe, expect, it, vi } from 'vitest';
import { ChangeHub } from './changeHub.js';
import { keyString, parseChangeMessage, type NodeChange } from './changeMessages.js';

const change = (typename: string, id: string): NodeChange => ({
  kind: 'upserted',
  typename,
  key: { id },
  at: '2024-05-01T12:00:00Z',
});

describe('ChangeHub', () => {
  it('delivers node changes by type and key filter', () => {
    const hub = new ChangeHub();
    const all = vi.fn();
    const people = vi.fn();
    const ada = vi.fn();
    hub.onNodeChange({}, all);
    hub.onNodeChange({ types: ['Person'] }, people);
    hub.onNodeChange({ types: ['Person', 'Topic'], keys: ['p1'] }, ada);
    hub.publish(change('Person', 'p1'));
    hub.publish(change('Person', 'p2'));
    hub.publish(change('Topic', 't1'));
    expect(all).toHaveBeenCalledTimes(3);
    expect(people).toHaveBeenCalledTimes(2);
    expect(ada).toHaveBeenCalledTimes(1);
  });

  it('delivers receipt progress to that receipt’s listeners only, and forgets unsubscribed ones', () => {
    const hub = new ChangeHub();
    const listener = vi.fn();
    const unsubscribe = hub.onReceipt('r1', listener);
    const progress = {
      kind: 'receipt',
      receiptId: 'r1',
      status: 'COMPLETED',
      accepted: 1,
      written: 1,
      rejected: 0,
      at: '2024-05-01T12:00:00Z',
    } as const;
    hub.publish({ ...progress, receiptId: 'r2' });
    hub.publish(progress);
    expect(listener).toHaveBeenCalledOnce();
    unsubscribe();
    expect(hub.size).toBe(0);
  });
});

describe('change messages', () => {
  it('parses the contract, and says why a message is not one', () => {
    expect(parseChangeMessage(JSON.stringify(change('Person', 'p1')))).toEqual(
      change('Person', 'p1'),
    );
    expect(
      parseChangeMessage('{"kind":"upserted","typename":"Person","key":{},"at":"yesterday"}'),
    ).toEqual({
      invalid: 'key: must not be empty; at: Invalid ISO datetime',
    });
    expect(parseChangeMessage('not json')).toEqual({ invalid: 'not JSON' });
    expect(parseChangeMessage(null)).toEqual({ invalid: 'empty message' });
  });

  it('prints a one-field key as its value and a compound key as sorted JSON', () => {
    expect(keyString({ id: 'p1' })).toBe('p1');
    expect(keyString({ b: 2, a: 'x' })).toBe('{"a":"x","b":2}');
  });

  it('tells its observer when each subscriber starts and stops listening, once', () => {
    let active = 0;
    const hub = new ChangeHub({ opened: () => (active += 1), closed: () => (active -= 1) });
    const stopNodes = hub.onNodeChange({ types: ['Person', 'Topic'] }, vi.fn());
    const stopReceipt = hub.onReceipt('r1', vi.fn());
    expect(active).toBe(2);
    stopNodes();
    stopNodes();
    expect(active).toBe(1);
    stopReceipt();
    expect(active).toBe(0);
    expect(hub.size).toBe(0);
  });
});
