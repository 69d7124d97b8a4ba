import type { Logger } from '@memgate/platform/logging';
import type { ChangeFeed } from './kafkaChangeFeed.js';

const RETRY_MS = 5_000;

/**
 * Keeps the change feed running without holding the gateway hostage: the
 * gateway serves queries and mutations whether or not Kafka is reachable,
 * and subscriptions start delivering once the feed is up (retried until it is).
 */
export class ChangeFeedRunner {
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private resolveReady!: () => void;
  /** Resolves once the feed reads the topic. */
  readonly ready = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  constructor(
    private readonly feed: ChangeFeed,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.feed.start().then(
      () => this.resolveReady(),
      (error: unknown) => {
        if (this.stopped) return;
        this.logger.error(
          { err: error, retryInMs: RETRY_MS },
          'the change feed did not start; subscriptions wait for it',
        );
        void this.feed.stop().catch(() => undefined);
        this.timer = setTimeout(() => this.start(), RETRY_MS);
        this.timer.unref();
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.feed.stop();
  }
}
