import type { Logger } from '@memgate/platform/logging';
import type { ChangeMessage, ChangeSink } from '../changes/change-event.js';
import { backoffDelay, wait, type BackoffPolicy } from './backoff.js';

export interface ChangePublisherOptions {
  readonly sink: ChangeSink;
  readonly backoff: BackoffPolicy;
  readonly logger: Logger;
  /** Told of each failed attempt that will be retried (the retries metric). */
  readonly onRetry?: (error: unknown) => void;
  readonly random?: () => number;
  readonly wait?: (ms: number) => Promise<unknown>;
}

/**
 * Publishes the change events of a committed batch, retrying with backoff
 * while the broker refuses them: the batch's offsets are resolved only
 * after its events are out, so the partition waits rather than moves on
 * without them. Gives up only when the consumer stops; the events are then
 * still in the partition's outbox, and whoever processes the messages next
 * publishes them (at least once: a subscriber may see an event twice).
 */
export class ChangePublisher {
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(private readonly options: ChangePublisherOptions) {
    this.wait = options.wait ?? ((ms) => wait(ms));
  }

  /** True once published; false when the consumer stopped first. Never throws. */
  async publish(
    messages: readonly ChangeMessage[],
    control: { isRunning(): boolean; heartbeat(): Promise<void> },
  ): Promise<boolean> {
    if (messages.length === 0) return true;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.options.sink.send(messages);
        return true;
      } catch (error) {
        if (!control.isRunning()) {
          this.options.logger.warn(
            { err: error, events: messages.length },
            'change events not published before stopping: they stay in the outbox',
          );
          return false;
        }
        const delay = backoffDelay(attempt, this.options.backoff, this.options.random);
        this.options.onRetry?.(error);
        this.options.logger.warn(
          { err: error, events: messages.length, retryInMs: delay },
          'could not publish change events',
        );
        await this.wait(delay);
        // The broker that refused the events may not answer a heartbeat either.
        await control.heartbeat().catch(() => undefined);
      }
    }
  }
}
