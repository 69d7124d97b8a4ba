interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

/**
 * The events of one subscription on their way to the client, in order. An
 * event is pushed as soon as it arrives — as a promise, because completing
 * it may need a query — and yielded once it and all before it are done.
 *
 * The queue is bounded: a client that does not keep up (the stream is not
 * pulled because sending to it is blocked) makes it overflow, and the owner
 * is told, to drop the client, instead of buffering without end.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly pending: Promise<T>[] = [];
  private waiter: Waiter<T> | undefined;
  private ending = false;
  private done = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly maxPending: number,
    private readonly onOverflow: () => void,
  ) {}

  push(event: Promise<T>): void {
    if (this.done || this.ending) return;
    // A failure surfaces when the event is pulled; until then it is not "unhandled".
    event.catch(() => undefined);
    if (this.pending.length >= this.maxPending) {
      this.onOverflow();
      return;
    }
    this.pending.push(event);
    this.wake();
  }

  /** Ends the stream once the events already pushed are delivered. */
  end(): void {
    this.ending = true;
    this.wake();
  }

  /** Runs when the stream finishes, whoever finishes it (the client, the end, an error). */
  onClose(cleanup: () => void): void {
    if (this.done) cleanup();
    else this.cleanups.push(cleanup);
  }

  get size(): number {
    return this.pending.length;
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.done) return { done: true, value: undefined };
    const head = this.pending.shift();
    if (head) {
      try {
        return { done: false, value: await head };
      } catch (error) {
        this.finish();
        throw error;
      }
    }
    if (this.ending) return this.finish();
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.waiter = { resolve, reject };
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

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    this.next().then(
      (result) => waiter.resolve(result),
      (error: unknown) => waiter.reject(error),
    );
  }

  private finish(): IteratorResult<T> {
    if (!this.done) {
      this.done = true;
      this.pending.length = 0;
      for (const cleanup of this.cleanups.splice(0)) cleanup();
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter?.resolve({ done: true, value: undefined });
    }
    return { done: true, value: undefined };
  }
}
