import type { Logger } from '@memgate/platform/logging';
import type { KafkaMetrics } from '@memgate/platform/metrics';
import type { ChangeOutbox } from '../changes/change-outbox.js';
import type { WriteOptions, WriteSummary } from '../write/batch-writer.js';
import type { WriteBatch } from '../write/write-batch.js';
import { backoffDelay, wait, type BackoffPolicy } from './backoff.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { failureKind, reasonOf } from './failure-kinds.js';

/** The consumer is stopping or the circuit opened: the rest of the batch is redelivered later. */
const INTERRUPTED = Symbol('interrupted');

/** What the writer needs from the consumer while it retries. */
export interface WriteControl {
  /** False once the consumer is stopping: give up, leaving the rest unresolved. */
  isRunning(): boolean;
  /** Keeps the consumer's group membership alive during long waits. */
  heartbeat(): Promise<void>;
  /**
   * A (part of the) batch committed: its change events are published and
   * then its offsets resolved, while the next batch is written. False when
   * the previous batch's events could not be published before the consumer
   * stopped: nothing more is resolved, and whoever gets the messages again
   * publishes the events from the outbox.
   */
  committed(batch: WriteBatch, summary: WriteSummary): Promise<boolean>;
  /** Events still being published, for the next batch's outbox. */
  unpublished(): ChangeOutbox | undefined;
}

export interface ResilientWriterOptions {
  readonly writer: { write(batch: WriteBatch, options?: WriteOptions): Promise<WriteSummary> };
  readonly breaker: Pick<CircuitBreaker, 'isOpen' | 'recordFailure' | 'recordSuccess'>;
  /** Attempts of a batch that fails by itself before it is split. */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly logger: Logger;
  /** Retries by topic and failure kind (engine, broker, batch). */
  readonly metrics?: Pick<KafkaMetrics, 'recordRetry'>;
  readonly random?: () => number;
  readonly wait?: (ms: number) => Promise<unknown>;
}

/**
 * Retries, backoff, circuit breaker and bisection around the batch writer.
 * Engine outages are waited out (and open the circuit, which pauses the
 * consumer); a batch that keeps failing on its own is split in halves until
 * the failing record is alone, and that record is rejected and
 * dead-lettered while every other one is written.
 */
export class ResilientWriter {
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(private readonly options: ResilientWriterOptions) {
    this.wait = options.wait ?? ((ms) => wait(ms));
  }

  /** True when the whole batch is written (or rejected); false when interrupted, with the rest to redo. */
  async write(batch: WriteBatch, control: WriteControl): Promise<boolean> {
    const failure = await this.attempt(batch, control, {});
    if (failure === undefined) return true;
    if (failure === INTERRUPTED) return false;
    if (batch.records.length === 1) {
      const [record] = batch.records;
      this.options.logger.error(
        { ...batch.position, offset: record?.offset, index: record?.index, reason: failure },
        'record isolated as the cause of a failing batch: rejecting it',
      );
      const refused = await this.attempt(batch, control, {
        refuseAll: `the engine refused it: ${failure}`,
      });
      return refused === undefined;
    }
    const middle = Math.ceil(batch.records.length / 2);
    this.options.logger.warn(
      { ...batch.position, records: batch.records.length, reason: failure },
      'batch keeps failing: splitting it to isolate the record',
    );
    const halves = [batch.records.slice(0, middle), batch.records.slice(middle)];
    for (const records of halves) {
      if (!(await this.write({ position: batch.position, records }, control))) return false;
    }
    return true;
  }

  /** undefined when written; the last failure after `maxAttempts` batch failures; INTERRUPTED. */
  private async attempt(
    batch: WriteBatch,
    control: WriteControl,
    options: WriteOptions,
  ): Promise<string | typeof INTERRUPTED | undefined> {
    const { breaker, logger, backoff, maxAttempts } = this.options;
    let batchFailures = 0;
    let retries = 0;
    for (;;) {
      if (!control.isRunning() || breaker.isOpen()) return INTERRUPTED;
      try {
        const summary = await this.options.writer.write(batch, {
          ...options,
          unpublished: control.unpublished(),
        });
        breaker.recordSuccess();
        return (await control.committed(batch, summary)) ? undefined : INTERRUPTED;
      } catch (error) {
        const kind = failureKind(error);
        const delay = backoffDelay(retries, backoff, this.options.random);
        retries += 1;
        logger.warn(
          { err: error, ...batch.position, records: batch.records.length, kind, retryInMs: delay },
          'batch write failed',
        );
        if (kind === 'engine') {
          breaker.recordFailure(error);
          if (breaker.isOpen()) return INTERRUPTED;
        } else if (kind === 'batch') {
          batchFailures += 1;
          if (batchFailures >= maxAttempts) return reasonOf(error);
        }
        this.options.metrics?.recordRetry(batch.position.topic, kind);
        await this.wait(delay);
        await control.heartbeat();
      }
    }
  }
}
