import { describe, expect, it, vi } from 'vitest';
import { EventStream, type StreamOwner } from './eventStream.js';

const later = <T>(value: T, ms: number): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

function owner() {
  return { overflowed: vi.fn(), closed: vi.fn() } satisfies StreamOwner;
}

describe('EventStream', () => {
  it('yields events in the order they came, however long each takes to complete', async () => {
    const stream = new EventStream<string>(10, owner());
    stream.push(later('first', 30));
    stream.push(later('second', 1));
    stream.end();
    const seen: string[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual(['first', 'second']);
  });

  it('hands an event to a waiting reader at once, without queuing it', async () => {
    const stream = new EventStream<number>(10, owner());
    const next = stream.next();
    stream.push(Promise.resolve(7));
    expect(stream.size).toBe(0);
    await expect(next).resolves.toEqual({ done: false, value: 7 });
  });

  it('skips events that come to nothing', async () => {
    const stream = new EventStream<number>(10, owner());
    const next = stream.next();
    stream.push(Promise.resolve(undefined));
    stream.push(later(undefined, 5));
    stream.push(later(3, 1));
    await expect(next).resolves.toEqual({ done: false, value: 3 });
  });

  it('tells its owner when too many events wait, and takes no more', () => {
    const told = owner();
    const stream = new EventStream<number>(2, told);
    for (let i = 0; i < 3; i += 1) stream.push(new Promise(() => undefined));
    expect(told.overflowed).toHaveBeenCalledOnce();
    expect(stream.size).toBe(2);
  });

  it('ends an idle reader at once on return(), and tells its owner once', async () => {
    const told = owner();
    const stream = new EventStream<number>(10, told);
    const pending = stream.next();
    await stream.return();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await stream.return();
    expect(told.closed).toHaveBeenCalledOnce();
  });

  it('ends a waiting reader on end(), and one that reads on once the queue is empty', async () => {
    const told = owner();
    const stream = new EventStream<number>(10, told);
    const waiting = stream.next();
    stream.end();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(told.closed).toHaveBeenCalledOnce();
    stream.push(Promise.resolve(1));
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('ends with the error of an event that failed', async () => {
    const told = owner();
    const stream = new EventStream<number>(10, told);
    stream.push(Promise.reject(new Error('subgraph down')));
    await expect(stream.next()).rejects.toThrow('subgraph down');
    expect(told.closed).toHaveBeenCalledOnce();
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
