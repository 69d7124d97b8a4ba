import { laterPosition, type AppliedPosition } from '../write/applied-position.js';

/** Reads how far this group applied a partition to the graph. */
export type AppliedOffsetReader = (topic: string, partition: number) => Promise<AppliedPosition>;

/**
 * The positions stored in the graph, the source of truth for what was
 * applied: Kafka's committed offset can lag behind them when a worker dies
 * between the graph commit and the Kafka commit. Read once per partition
 * after each assignment (another worker may have moved the partition on
 * meanwhile), then kept up to date by this worker's own writes.
 */
export class AppliedOffsets {
  private readonly known = new Map<string, AppliedPosition>();

  constructor(private readonly read: AppliedOffsetReader) {}

  async lastApplied(topic: string, partition: number): Promise<AppliedPosition> {
    const id = `${topic}/${partition}`;
    const cached = this.known.get(id);
    if (cached !== undefined) return cached;
    const stored = await this.read(topic, partition);
    this.known.set(id, stored);
    return stored;
  }

  /** Only moves forward: a batch that replays an older outbox does not lower it. */
  remember(topic: string, partition: number, reached: AppliedPosition): void {
    const id = `${topic}/${partition}`;
    const known = this.known.get(id);
    this.known.set(id, known === undefined ? reached : laterPosition(known, reached));
  }

  /** On every (re)assignment: partitions may have been written by another member since. */
  forgetAll(): void {
    this.known.clear();
  }
}
