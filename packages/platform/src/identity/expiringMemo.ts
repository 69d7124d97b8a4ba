/**
 * Values remembered by key until a time each is given, to spare repeating
 * work whose result holds until then (signing or verifying a token). It
 * only saves work, so it is bounded the simplest way: past `max` entries
 * it starts over.
 */
export class ExpiringMemo<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly untilMs: number }>();

  constructor(
    private readonly max: number,
    // Read at each call, so that a clock replaced after construction (tests' fake timers) is the one used.
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The value remembered for `key`, unless there is none or its time has come. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.untilMs > this.now() ? entry.value : undefined;
  }

  /** Remembers `value` for `key` until `untilMs` (epoch milliseconds). */
  set(key: string, value: V, untilMs: number): void {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { value, untilMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
