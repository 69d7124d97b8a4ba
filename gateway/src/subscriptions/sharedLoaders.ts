import DataLoader from 'dataloader';

export interface LoaderLease<K, V> {
  load(key: K): Promise<V>;
  release(): void;
}

interface Entry {
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

  lease<K, V>(group: string, batch: (keys: readonly K[]) => Promise<V[]>): LoaderLease<K, V> {
    let entry = this.entries.get(group);
    if (!entry) {
      const loader = new DataLoader<K, V>(batch, {
        // Every burst asks again: a change means the node is not what it was.
        cache: false,
        maxBatchSize: this.maxBatchSize,
        batchScheduleFn: (callback) => setTimeout(callback, this.burstMs),
      });
      entry = { loader, refs: 0 };
      this.entries.set(group, entry);
    }
    entry.refs += 1;
    const { loader } = entry;
    let released = false;
    return {
      load: (key) => loader.load(key) as Promise<V>,
      release: () => {
        if (released) return;
        released = true;
        const current = this.entries.get(group);
        if (current && (current.refs -= 1) === 0) this.entries.delete(group);
      },
    };
  }

  get size(): number {
    return this.entries.size;
  }
}
