import { describe, expect, it } from 'vitest';
import { ChangeHub, type NodeSubscriber, type ReceiptSubscriber } from './changeHub.js';
import {
  keyString,
  parseChangeMessages,
  type NodeChange,
  type ReceiptProgress,
} from './changeMessages.js';

const change = (typename: string, id: string): NodeChange => ({
  kind: 'upserted',
  typename,
  key: { id },
  at: '2024-05-01T12:00:00Z',
});

function nodeSubscriber(types?: string[], keys?: string[]) {
  const heard: NodeChange[] = [];
  const subscriber: NodeSubscriber = {
    filter: { types, keys: keys && new Set(keys) },
    onNodeChange: (change) => heard.push(change),
  };
  return { subscriber, heard };
}

function receiptSubscriber(receiptId: string) {
  const heard: ReceiptProgress[] = [];
  const subscriber: ReceiptSubscriber = {
    receiptId,
    onReceipt: (progress) => heard.push(progress),
  };
  return { subscriber, heard };
}

describe('ChangeHub', () => {
  it('delivers node changes by type and key filter', () => {
    const hub = new ChangeHub();
    const all = nodeSubscriber();
    const people = nodeSubscriber(['Person']);
    const ada = nodeSubscriber(['Person', 'Topic'], ['p1']);
    for (const { subscriber } of [all, people, ada]) hub.addNodeSubscriber(subscriber);
    hub.publish(change('Person', 'p1'));
    hub.publish(change('Person', 'p2'));
    hub.publish(change('Topic', 't1'));
    expect(all.heard).toHaveLength(3);
    expect(people.heard.map((heard) => heard.key)).toEqual([{ id: 'p1' }, { id: 'p2' }]);
    expect(ada.heard).toEqual([change('Person', 'p1')]);
  });

  it('stops delivering to a removed subscriber, and keeps no empty index behind', () => {
    const hub = new ChangeHub();
    const people = nodeSubscriber(['Person', 'Topic']);
    hub.addNodeSubscriber(people.subscriber);
    hub.removeNodeSubscriber(people.subscriber);
    hub.publish(change('Person', 'p1'));
    expect(people.heard).toEqual([]);
    expect(hub.size).toBe(0);
  });

  it('delivers receipt progress to that receipt’s listeners only, and forgets unsubscribed ones', () => {
    const hub = new ChangeHub();
    const r1 = receiptSubscriber('r1');
    hub.addReceiptSubscriber(r1.subscriber);
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
    expect(r1.heard).toEqual([progress]);
    hub.removeReceiptSubscriber(r1.subscriber);
    hub.publish(progress);
    expect(r1.heard).toHaveLength(1);
    expect(hub.size).toBe(0);
  });
});

describe('change messages', () => {
  it('parses an event of the contract alone in its message, and says why a message is not one', () => {
    expect(parseChangeMessages(JSON.stringify(change('Person', 'p1')))).toEqual({
      changes: [change('Person', 'p1')],
      invalid: [],
    });
    expect(
      parseChangeMessages('{"kind":"upserted","typename":"Person","key":{},"at":"yesterday"}'),
    ).toEqual({ changes: [], invalid: ['key: must not be empty; at: Invalid ISO datetime'] });
    expect(parseChangeMessages('not json')).toEqual({ changes: [], invalid: ['not JSON'] });
    expect(parseChangeMessages(null)).toEqual({ changes: [], invalid: ['empty message'] });
  });

  it("parses a workers' frame into its events in order, skipping only its bad ones", () => {
    const frame = {
      v: 2,
      events: [
        change('Person', 'p1'),
        { kind: 'upserted', typename: 'Person' },
        change('Person', 'p2'),
      ],
    };
    expect(parseChangeMessages(JSON.stringify(frame))).toEqual({
      changes: [change('Person', 'p1'), change('Person', 'p2')],
      invalid: [
        'events[1].key: Invalid input: expected record, received undefined; events[1].at: Invalid input: expected string, received undefined',
      ],
    });
    expect(parseChangeMessages('{"v":3,"events":[]}')).toEqual({
      changes: [],
      invalid: ['unknown change format version 3'],
    });
    // Anything with a version is a frame, read by the frame's rules.
    expect(parseChangeMessages('{"v":"2","events":[]}').invalid).toEqual([
      'unknown change format version "2"',
    ]);
    expect(parseChangeMessages('{"v":2}').invalid).toEqual(['a change frame without events']);
    expect(parseChangeMessages('{"v":2,"events":{}}').invalid).toEqual([
      'a change frame without events',
    ]);
  });

  it('prints a one-field key as its value and a compound key as sorted JSON', () => {
    expect(keyString({ id: 'p1' })).toBe('p1');
    expect(keyString({ b: 2, a: 'x' })).toBe('{"a":"x","b":2}');
  });

  it('tells its observer when each subscriber starts and stops listening, once', () => {
    let active = 0;
    const hub = new ChangeHub({ opened: () => (active += 1), closed: () => (active -= 1) });
    const nodes = nodeSubscriber(['Person', 'Topic']).subscriber;
    const receipt = receiptSubscriber('r1').subscriber;
    hub.addNodeSubscriber(nodes);
    hub.addReceiptSubscriber(receipt);
    expect(active).toBe(2);
    hub.removeNodeSubscriber(nodes);
    hub.removeNodeSubscriber(nodes);
    expect(active).toBe(1);
    hub.removeReceiptSubscriber(receipt);
    hub.removeReceiptSubscriber(receipt);
    expect(active).toBe(0);
    expect(hub.size).toBe(0);
  });
});
