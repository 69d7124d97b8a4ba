import { describe, expect, it } from 'vitest';
import type { ChangeMessage } from '../changes/change-event.js';
import { PublishChain } from './publish-chain.js';

const message = (id: string): ChangeMessage => ({
  key: `Person:${id}`,
  event: { kind: 'created', typename: 'Person', key: { id }, at: '2024-05-01T12:00:00Z' },
});

function deferred() {
  let resolve: (ok: boolean) => void = () => undefined;
  const promise = new Promise<boolean>((done) => (resolve = done));
  return { promise, resolve };
}

describe('PublishChain', () => {
  const control = { isRunning: () => true, heartbeat: () => Promise.resolve() };

  it('keeps one batch in flight, in order, resolving each once its events are out', async () => {
    const sends: ReturnType<typeof deferred>[] = [];
    const published: string[] = [];
    const chain = new PublishChain(
      {
        publish: () => {
          const send = deferred();
          sends.push(send);
          return send.promise;
        },
      },
      control,
    );
    const first = { messages: [message('a')], from: '0' };
    expect(await chain.add(first, () => published.push('first'))).toBe(true);
    expect(chain.unpublished()).toBe(first);

    const second = chain.add({ messages: [message('b')], from: '5' }, () =>
      published.push('second'),
    );
    // The second waits for the first to be out before it starts.
    expect(sends).toHaveLength(1);
    sends[0]?.resolve(true);
    expect(await second).toBe(true);
    expect(published).toEqual(['first']);
    expect(chain.unpublished()?.from).toBe('5');
    sends[1]?.resolve(true);
    expect(await chain.drain()).toBe(true);
    expect(published).toEqual(['first', 'second']);
    expect(chain.unpublished()).toBeUndefined();
  });

  it('stops when the events of a batch could not be published', async () => {
    const chain = new PublishChain({ publish: () => Promise.resolve(false) }, control);
    const published: string[] = [];
    expect(
      await chain.add({ messages: [message('a')], from: '0' }, () => published.push('a')),
    ).toBe(true);
    expect(
      await chain.add({ messages: [message('b')], from: '1' }, () => published.push('b')),
    ).toBe(false);
    expect(await chain.drain()).toBe(false);
    expect(published).toEqual([]);
  });
});
