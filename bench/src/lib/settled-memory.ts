/** A memory reading taken right after a full garbage collection. */
export interface CollectedMemory {
  readonly rss?: number;
  readonly heapUsed?: number;
}

export interface SettledMemory<M extends CollectedMemory> {
  readonly sample: M;
  /** Full collections it took, the first reading's included. */
  readonly collections: number;
}

const MAX_COLLECTIONS = 8;

/**
 * Full collections until RSS stops falling: not by 1 % (at least 256 KB)
 * over two collections in a row, at most 8 in all. One collection right
 * after a burst (of connections, say) leaves V8's old space fragmented by
 * what the burst promoted and dropped, by an amount that differs from run
 * to run; the next collections compact it, and V8 gives the freed pages
 * back a little later, on its own thread, so one collection that frees
 * nothing does not mean it is done. An idle process gets such collections
 * from V8's memory reducer once allocation stops: this is what it then
 * holds.
 */
export async function settledMemory<M extends CollectedMemory>(
  first: M,
  collect: () => Promise<M>,
): Promise<SettledMemory<M>> {
  let sample = first;
  let still = 0;
  let collections = 1;
  while (collections < MAX_COLLECTIONS && still < 2) {
    const next = await collect();
    collections += 1;
    const fell = (sample.rss ?? 0) - (next.rss ?? 0);
    still = fell < Math.max(256 * 1024, (sample.rss ?? 0) / 100) ? still + 1 : 0;
    sample = next;
  }
  return { sample, collections };
}
