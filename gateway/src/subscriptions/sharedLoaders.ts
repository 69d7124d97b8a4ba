import DataLoader from 'dataloader';

export interface LoaderLease<K, V> {
  load(key: K): Promise<V>;
  release(): void;
}

interface Entry {
  readonly group: string;
  readonly loader: DataLoader<unknown, unknown>;
  refs: number;
}

/**
 * Burst batching shared across subscriptions. Subscriptions that need the
 * same completion query for the same caller share one DataLoader, whose
 * batch window (`burstMs`) gathers the events that arrive together: one
 * query per burst for all of them, instead of one per event and subscriber.
 * A loader lives as long as some subscription holds a lease on it.
 */
export class SharedLoaders {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly burstMs: number,
    private readonly maxBatchSize = 500,
  ) {}

  /** `batch` is kept only by the lease that creates the group's loader. */
  lease<K, V>(group: string, batch: (keys: readonly K[]) => Promise<V[]>): LoaderLease<K, V> {
    let entry = this.entries.get(group);
    if (!entry) {
      const loader = new DataLoader<K, V>(batch, {
        // Every burst asks again: a change means the node is not what it was.
        cache: false,
        maxBatchSize: this.maxBatchSize,
        batchScheduleFn: (callback) => setTimeout(callback, this.burstMs),
      });
      entry = { group, loader, refs: 0 };
      this.entries.set(group, entry);
    }
    entry.refs += 1;
    return new Lease<K, V>(this.entries, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One subscription's hold on a loader. A class, not closures: every
 * subscription that completes its events holds one for its whole life.
 */
class Lease<K, V> implements LoaderLease<K, V> {
  private released = false;

  constructor(
    private readonly entries: Map<string, Entry>,
    private readonly entry: Entry,
  ) {}

  load(key: K): Promise<V> {
    return this.entry.loader.load(key) as Promise<V>;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const { group } = this.entry;
    if (this.entries.get(group) === this.entry && (this.entry.refs -= 1) === 0) {
      this.entries.delete(group);
    }
  }
}
