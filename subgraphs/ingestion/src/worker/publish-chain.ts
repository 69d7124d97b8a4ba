import type { ChangeOutbox } from '../changes/change-outbox.js';
import type { ChangePublisher } from './change-publisher.js';

/**
 * The change events of one partition's committed batches, published in
 * batch order while the next batch is already being written (publishing
 * is a broker round trip per thousand events: waiting for it would hold up
 * the engine). At most one batch's events are in flight: the next batch
 * carries them into its outbox until they are confirmed, and a batch's
 * offsets are resolved only once its events are out.
 */
export class PublishChain {
  private last: Promise<boolean> = Promise.resolve(true);
  private pending: ChangeOutbox | undefined;

  constructor(
    private readonly publisher: Pick<ChangePublisher, 'publish'>,
    private readonly control: { isRunning(): boolean; heartbeat(): Promise<void> },
  ) {}

  /**
   * Waits until the previous batch's events are out, then starts publishing
   * these; `published` runs once they are. False when the previous ones
   * could not be published before the consumer stopped.
   */
  async add(outbox: ChangeOutbox, published: () => void): Promise<boolean> {
    if (!(await this.last)) return false;
    this.pending = outbox.messages.length > 0 ? outbox : undefined;
    this.last = this.publisher.publish(outbox.messages, this.control).then((ok) => {
      // Events that did not go out stay pending: a batch written meanwhile keeps them in its outbox.
      if (!ok) return false;
      if (this.pending === outbox) this.pending = undefined;
      published();
      return true;
    });
    return true;
  }

  /** The events not confirmed yet, for the next batch's outbox. */
  unpublished(): ChangeOutbox | undefined {
    return this.pending;
  }

  /** Resolves once everything added is out (true), or the consumer stopped first (false). */
  drain(): Promise<boolean> {
    return this.last;
  }
}
