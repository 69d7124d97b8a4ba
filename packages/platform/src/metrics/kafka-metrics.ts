import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label.js';
import { SIZE_BUCKETS } from './buckets.js';

/** Records of one transaction, by what became of them. */
export interface AppliedRecords {
  readonly written: number;
  readonly skipped: number;
  readonly rejected: number;
}

export type CircuitState = 'closed' | 'half_open' | 'open';

/** Gauge values, so an alert can say `== 2` and a graph shows the state as a level. */
export const CIRCUIT_STATE_VALUE: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  half_open: 1,
  open: 2,
};

/**
 * Kafka traffic of producers (ingestion subgraph) and consumers (workers).
 * Topics and consumer groups come from configuration, so they are bounded;
 * reasons are bounded in case a caller passes an error message.
 */
export class KafkaMetrics {
  private readonly produced: Counter<'topic' | 'outcome'>;
  private readonly consumed: Counter<'topic' | 'group'>;
  private readonly lag: Gauge<'topic' | 'partition' | 'group'>;
  private readonly batchSize: Histogram<'topic' | 'group'>;
  private readonly recordsApplied: Counter<'topic' | 'group' | 'outcome'>;
  private readonly retries: Counter<'topic' | 'reason'>;
  private readonly deadLettered: Counter<'topic' | 'reason'>;
  private readonly circuit: Gauge<'breaker'>;
  private readonly reasons = new BoundedLabel({
    max: 30,
    pattern: /^[a-z][a-z0-9_]{0,39}$/,
    missing: 'unknown',
  });

  constructor(registry: Registry) {
    const registers = [registry];
    this.produced = new Counter({
      name: 'memgate_kafka_messages_produced_total',
      help: 'Messages sent to Kafka, by topic and outcome (success: acknowledged).',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.consumed = new Counter({
      name: 'memgate_kafka_messages_consumed_total',
      help: 'Messages a consumer group handled, by topic.',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.lag = new Gauge({
      name: 'memgate_kafka_consumer_lag_messages',
      help: 'Messages between a consumer group\u2019s committed offset and the partition end.',
      labelNames: ['topic', 'partition', 'group'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'memgate_kafka_batch_size_messages',
      help: 'Messages in one consumed batch, by topic and group.',
      labelNames: ['topic', 'group'],
      buckets: SIZE_BUCKETS,
      registers,
    });
    this.recordsApplied = new Counter({
      name: 'memgate_ingestion_records_total',
      help: 'Records a worker group finished with in committed transactions, by topic and outcome (written, skipped, rejected); one message may carry many.',
      labelNames: ['topic', 'group', 'outcome'],
      registers,
    });
    this.retries = new Counter({
      name: 'memgate_kafka_retries_total',
      help: 'Retried attempts at handling a batch or a message, by topic and reason.',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'memgate_kafka_dead_letter_messages_total',
      help: 'Messages moved to the dead-letter topic, by source topic and reason.',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.circuit = new Gauge({
      name: 'memgate_circuit_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
      labelNames: ['breaker'],
      registers,
    });
  }

  /** `count` messages sent to `topic` (acknowledged, or failed with `outcome: 'error'`). */
  recordProduced(topic: string, count: number, outcome: 'success' | 'error' = 'success'): void {
    this.produced.inc({ topic, outcome }, count);
  }

  /** One batch handled by `group`: counts its messages and records its size. */
  recordBatch(topic: string, group: string, size: number): void {
    this.consumed.inc({ topic, group }, size);
    this.batchSize.observe({ topic, group }, size);
  }

  /** What one committed transaction did with its records. */
  recordApplied(topic: string, group: string, records: AppliedRecords): void {
    for (const outcome of ['written', 'skipped', 'rejected'] as const) {
      if (records[outcome] > 0)
        this.recordsApplied.inc({ topic, group, outcome }, records[outcome]);
    }
  }

  setLag(topic: string, partition: number, group: string, lag: number): void {
    this.lag.set({ topic, partition: String(partition), group }, lag);
  }

  recordRetry(topic: string, reason: string): void {
    this.retries.inc({ topic, reason: this.reasons.value(reason) });
  }

  recordDeadLetter(topic: string, reason: string, count = 1): void {
    this.deadLettered.inc({ topic, reason: this.reasons.value(reason) }, count);
  }

  setCircuitState(breaker: string, state: CircuitState): void {
    this.circuit.set({ breaker }, CIRCUIT_STATE_VALUE[state]);
  }
}
