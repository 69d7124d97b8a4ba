import type { Logger } from '@memgate/platform/logging';
import { wait } from './backoff.js';

/**
 * `closed`: writes go through. `open`: the engine is considered down,
 * consumption is paused and only probes reach the engine. `half-open`: a
 * probe answered and consumption resumed; the next write closes the circuit,
 * or a single failure opens it again.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** What the breaker has seen, for logs, health checks and metrics. */
export interface CircuitSnapshot {
  readonly state: CircuitState;
  readonly consecutiveFailures: number;
  /** Times the circuit opened since start. */
  readonly opened: number;
  /** Probe attempts since start, successful or not. */
  readonly probes: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive engine failures that open the circuit. */
  readonly failureThreshold: number;
  /** First wait before probing; doubles after every failed probe, up to `probeMaxMs`. */
  readonly probeInitialMs: number;
  readonly probeMaxMs: number;
  /** A cheap round trip to the engine (`RETURN 1`); throws while it is down. */
  readonly probe: () => Promise<void>;
  /** Called when the circuit opens: pause consuming. */
  readonly onOpen: () => void;
  /** Called when a probe answered: resume consuming. */
  readonly onRecover: () => void;
  /** Called on every change of state, with the new one: the state gauge. */
  readonly onStateChange?: (state: CircuitState) => void;
  readonly logger: Logger;
}

/**
 * The circuit breaker around the engine. While it is open nothing polls the
 * engine but the probe, on a growing interval, and the consumer is paused:
 * Kafka keeps the records (the lag grows, memory does not), nothing spins,
 * and when the engine answers again consumption resumes from the last
 * offset that was written.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedCount = 0;
  private probeCount = 0;
  private readonly stopping = new AbortController();

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    return this.current;
  }

  /** A method, not a property: it changes under the feet of whoever reads it. */
  isOpen(): boolean {
    return this.current === 'open';
  }

  snapshot(): CircuitSnapshot {
    return {
      state: this.current,
      consecutiveFailures: this.failures,
      opened: this.openedCount,
      probes: this.probeCount,
    };
  }

  recordSuccess(): void {
    if (this.current === 'half-open') {
      this.options.logger.info('engine writes succeed again: circuit closed');
      this.moveTo('closed');
    }
    this.failures = 0;
  }

  recordFailure(error: unknown): void {
    if (this.current === 'open') return;
    this.failures += 1;
    if (this.current === 'half-open' || this.failures >= this.options.failureThreshold)
      this.open(error);
  }

  /** Stops probing (on shutdown). */
  stop(): void {
    this.stopping.abort();
  }

  private moveTo(state: CircuitState): void {
    if (this.current === state) return;
    this.current = state;
    this.options.onStateChange?.(state);
  }

  private open(error: unknown): void {
    this.moveTo('open');
    this.openedCount += 1;
    this.options.logger.warn(
      { err: error, consecutiveFailures: this.failures },
      'engine unavailable: circuit open, consumption paused',
    );
    this.options.onOpen();
    void this.probeUntilAnswered();
  }

  private async probeUntilAnswered(): Promise<void> {
    let interval = this.options.probeInitialMs;
    while (this.current === 'open') {
      if (!(await wait(interval, this.stopping.signal))) return;
      this.probeCount += 1;
      try {
        await this.options.probe();
      } catch (error) {
        this.options.logger.debug({ err: error, nextProbeMs: interval }, 'engine probe failed');
        interval = Math.min(this.options.probeMaxMs, interval * 2);
        continue;
      }
      this.moveTo('half-open');
      this.failures = 0;
      this.options.logger.info({ probes: this.probeCount }, 'engine answers: consumption resumed');
      this.options.onRecover();
    }
  }
}
