/** Who an event stream reports to: the subscription that feeds it. */
export interface StreamOwner {
  /** Too many events wait: the client does not keep up. */
  overflowed(): void;
  /** The stream finished, whoever finished it (the client, the end, an error): stop feeding it. */
  closed(): void;
}

type Resolve<T> = (result: IteratorResult<T> | Promise<IteratorResult<T>>) => void;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The events of one subscription on their way to the client, in order. An
 * event is pushed as soon as it arrives — as a promise, because completing
 * it may need a query — and yielded once it and all before it are done;
 * an event that comes to `undefined` has nothing to say and is skipped.
 *
 * The queue is bounded: a client that does not keep up (the stream is not
 * pulled because sending to it is blocked) makes it overflow, and the owner
 * is told, to drop the client, instead of buffering without end.
 *
 * Most subscriptions are idle most of the time, and an idle one is this
 * stream waiting in `next()`: so `next()` is not async (no suspended
 * function per subscription, only the one promise the reader awaits), the
 * queue exists only while events wait, and the owner is an object, not
 * callbacks.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private pending: Promise<T | undefined>[] | undefined;
  /** Resolves the reader's `next()` while it waits; a promise handed to it settles it as it settles. */
  private waiter: Resolve<T> | undefined;
  private ending = false;
  private done = false;

  constructor(
    private readonly maxPending: number,
    private readonly owner: StreamOwner,
  ) {}

  push(event: Promise<T | undefined>): void {
    if (this.done || this.ending) return;
    // A failure surfaces when the event is pulled; until then it is not "unhandled".
    event.catch(() => undefined);
    const waiter = this.waiter;
    if (waiter) {
      // Waiting means nothing is queued: hand the event over without queuing it.
      this.waiter = undefined;
      waiter(this.take(event));
      return;
    }
    const pending = (this.pending ??= []);
    if (pending.length >= this.maxPending) {
      this.owner.overflowed();
      return;
    }
    pending.push(event);
  }

  /** Ends the stream once the events already pushed are delivered. */
  end(): void {
    this.ending = true;
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    waiter(this.finish());
  }

  get size(): number {
    return this.pending?.length ?? 0;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.done) return Promise.resolve(DONE);
    const head = this.pending?.shift();
    if (this.pending?.length === 0) this.pending = undefined;
    if (head) return this.take(head);
    if (this.ending) return Promise.resolve(this.finish());
    return new Promise<IteratorResult<T>>((resolve) => {
      this.waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    return Promise.resolve(this.finish());
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The result of one event once it is done: its value, the next one if it has none, or its error. */
  private take(event: Promise<T | undefined>): Promise<IteratorResult<T>> {
    return event.then(
      (value) => (value === undefined ? this.next() : { done: false, value }),
      (error: unknown) => {
        this.finish();
        throw error;
      },
    );
  }

  private finish(): IteratorResult<T> {
    if (!this.done) {
      this.done = true;
      this.pending = undefined;
      this.owner.closed();
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter?.(DONE);
    }
    return DONE;
  }
}
