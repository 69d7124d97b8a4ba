export interface Poller {
  /** Runs one poll now; resolves when it is done (failures are handed to onError). */
  pollOnce(): Promise<void>;
  stop(): void;
}

/**
 * Calls `poll` now and every `intervalMs`, never two at once. The timer is
 * unref'd: a poller never keeps a process alive that is otherwise done.
 */
export function startPoller(
  poll: () => Promise<void>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): Poller {
  let running: Promise<void> | undefined;
  const pollOnce = (): Promise<void> => {
    running ??= poll()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void pollOnce(), options.intervalMs);
  timer.unref();
  void pollOnce();
  return { pollOnce, stop: () => clearInterval(timer) };
}
