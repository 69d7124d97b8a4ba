import { describe, expect, it, vi } from 'vitest';
import { EventStream } from './eventStream.js';

const later = <T>(value: T, ms: number): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('EventStream', () => {
  it('yields events in the order they came, however long each takes to complete', async () => {
    const stream = new EventStream<string>(10, () => undefined);
    stream.push(later('first', 30));
    stream.push(later('second', 1));
    stream.end();
    const seen: string[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen).toEqual(['first', 'second']);
  });

  it('hands an event to a waiting reader at once', async () => {
    const stream = new EventStream<number>(10, () => undefined);
    const next = stream.next();
    stream.push(Promise.resolve(7));
    await expect(next).resolves.toEqual({ done: false, value: 7 });
  });

  it('tells its owner when too many events wait, and takes no more', () => {
    const overflow = vi.fn();
    const stream = new EventStream<number>(2, overflow);
    for (let i = 0; i < 3; i += 1) stream.push(new Promise(() => undefined));
    expect(overflow).toHaveBeenCalledOnce();
    expect(stream.size).toBe(2);
  });

  it('ends an idle reader at once on return(), and cleans up once', async () => {
    const cleanup = vi.fn();
    const stream = new EventStream<number>(10, () => undefined);
    stream.onClose(cleanup);
    const pending = stream.next();
    await stream.return();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await stream.return();
    expect(cleanup).toHaveBeenCalledOnce();
  });

  it('ends with the error of an event that failed', async () => {
    const stream = new EventStream<number>(10, () => undefined);
    stream.push(Promise.reject(new Error('subgraph down')));
    await expect(stream.next()).rejects.toThrow('subgraph down');
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
