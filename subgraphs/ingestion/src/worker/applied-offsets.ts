/** Reads the last offset of a partition that this group applied to the graph, if any. */
export type AppliedOffsetReader = (topic: string, partition: number) => Promise<bigint | undefined>;

/**
 * The offsets stored in the graph, the source of truth for what was applied:
 * Kafka's committed offset can lag behind it when a worker dies between the
 * graph commit and the Kafka commit. Read once per partition after each
 * assignment (another worker may have moved the partition on meanwhile),
 * then kept up to date by this worker's own writes.
 */
export class AppliedOffsets {
  private readonly known = new Map<string, bigint>();

  constructor(private readonly read: AppliedOffsetReader) {}

  /** -1 when nothing of the partition has been applied yet. */
  async lastApplied(topic: string, partition: number): Promise<bigint> {
    const id = `${topic}/${partition}`;
    const cached = this.known.get(id);
    if (cached !== undefined) return cached;
    const stored = (await this.read(topic, partition)) ?? -1n;
    this.known.set(id, stored);
    return stored;
  }

  /** Only moves forward: a batch that replays an older outbox does not lower it. */
  remember(topic: string, partition: number, offset: string): void {
    const id = `${topic}/${partition}`;
    const next = BigInt(offset);
    const known = this.known.get(id);
    if (known === undefined || next > known) this.known.set(id, next);
  }

  /** On every (re)assignment: partitions may have been written by another member since. */
  forgetAll(): void {
    this.known.clear();
  }
}
