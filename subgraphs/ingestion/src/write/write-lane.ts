import type { MutexInterface } from 'async-mutex';

/**
 * A batch's turn in a worker's write lane (ADR 0014): taken before its
 * first statement that writes relationships or deletes nodes, held until
 * its transaction has committed or failed. Taken at most once however often
 * the driver retries the transaction. When the batch has given up
 * (`leave`, e.g. after its write timed out) before its turn came, the turn
 * is handed straight on, so a lane is never left held, and the abandoned
 * transaction fails rather than writes.
 */
export class LaneTurn {
  private release: MutexInterface.Releaser | undefined;
  private left = false;

  constructor(private readonly lane: MutexInterface) {}

  async take(): Promise<void> {
    if (this.release) return;
    this.refuseIfLeft();
    const release = await this.lane.acquire();
    try {
      // The batch may have given up while it waited.
      this.refuseIfLeft();
    } catch (error) {
      release();
      throw error;
    }
    this.release = release;
  }

  private refuseIfLeft(): void {
    if (this.left) throw new Error('the batch gave up its turn in the write lane');
  }

  leave(): void {
    this.left = true;
    this.release?.();
    this.release = undefined;
  }
}
