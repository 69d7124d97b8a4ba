import { setImmediate } from 'node:timers/promises';
import type { GraphClient, TransactionScope } from '@memgate/cypher';
import { Mutex } from 'async-mutex';
import type { GraphModel } from '@memgate/graph-model';
import type { KafkaMetrics } from '@memgate/platform/metrics';
import type { Record as BoltRecord } from 'neo4j-driver';
import type { ChangeMessage } from '../changes/change-event.js';
import { receiptChangeMessage } from '../changes/change-messages.js';
import { decodeOutbox, encodeOutbox, type ChangeOutbox } from '../changes/change-outbox.js';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';
import { receiptCountersOf, type ReceiptCounters } from '../receipts/receipt-counters.js';
import type { DeadLetter, DeadLetterSink } from '../model/dead-letter.js';
import { receiptProgressStatement, type ReceiptProgress } from '../receipts/receipt-statements.js';
import { missingEndsReasons } from './missing-ends.js';
import { claimOffsetStatement, storeOffsetStatement } from './offset-statements.js';
import { holdsRecord, storedPosition } from './applied-position.js';
import { rejectedAfterCounting, tallyBatch, type BatchOutcome } from './receipt-tally.js';
import { reportedRows, stepChanges } from './step-changes.js';
import {
  appliedOffsetOf,
  recordLocation,
  type BatchRecord,
  type BatchPosition,
  type RejectedRecord,
  type WriteBatch,
} from './write-batch.js';
import { StepSender } from './step-sender.js';
import { WritePlanner, type WritePlan } from './write-plan.js';

/**
 * The part of the engine the batch writer needs: a write transaction whose
 * later statements depend on earlier results (which connect rows found both
 * ends) and which does other work before it commits (publishing dead
 * letters). Tests hand in a fake.
 */
export type TransactionalGraph = Pick<GraphClient, 'writeTransaction'>;

export interface WriteSummary {
  readonly written: number;
  readonly skipped: number;
  readonly rejected: readonly RejectedRecord[];
  /** Records the graph already held (a retried or redelivered batch): not applied again. */
  readonly alreadyApplied: number;
  /**
   * What the batch changed, to publish on the changes topic now that it is
   * committed (and before its offsets are resolved); with the changes of
   * the batch before it when part of this one had already been applied,
   * since those may never have been published.
   */
  readonly changes: readonly ChangeMessage[];
}

export interface WriteOptions {
  readonly now?: Date;
  /** Reject every record with this reason instead of writing it: the end of a bisection. */
  readonly refuseAll?: string;
  /**
   * Events of the partition's previous batch still being published: they
   * go into this batch's outbox too (it replaces the previous one), so a
   * crash before their publication confirms still leaves them behind.
   */
  readonly unpublished?: ChangeOutbox | undefined;
}

/**
 * Why a record went to the dead letters, as a bounded metric label:
 * unreadable (no decoder could read the message), mapping_rejected (its
 * source's mapping refused it), invalid_operation (it does not fit the
 * model), missing_end (a relationship end is not in the graph),
 * engine_refused (isolated by bisection as what the engine refuses).
 */
export type RejectionKind =
  'unreadable' | 'mapping_rejected' | 'invalid_operation' | 'missing_end' | 'engine_refused';

export interface BatchWriterOptions {
  readonly timeoutMs: number;
  /** `memgate_kafka_dead_letter_messages_total` by source topic and rejection kind. */
  readonly metrics?: Pick<KafkaMetrics, 'recordDeadLetter'>;
}

/**
 * Applies a batch in ONE write transaction: the data, the receipt counters,
 * the offset, the change events (the outbox) and the dead letters of what
 * it rejected all happen together or not at all. The transaction first
 * locks the partition's offset and skips what it covers, so a redelivered
 * or retried batch is harmless; the dead letters are published before the
 * commit, so a rejected record is never lost (a failed commit may publish a
 * letter twice). Change events are published by the caller after the
 * commit: an event never announces a change that did not commit.
 */
export class BatchWriter {
  /**
   * Batches that write relationships or delete nodes take turns here, each
   * for its whole transaction (ADR 0014): they lock nodes of every
   * partition, so two at once only wait for each other on Neo4j and abort
   * each other on Memgraph. Upserts of different partitions touch different
   * nodes and run side by side. A batch waits for its turn before its
   * transaction begins, so the wait holds no lock and does not count against
   * the transaction's timeout.
   */
  private readonly lane = new Mutex();

  constructor(
    private readonly graph: TransactionalGraph,
    private readonly model: GraphModel,
    private readonly labels: BookkeepingLabels,
    private readonly deadLetters: DeadLetterSink,
    private readonly options: BatchWriterOptions,
  ) {}

  async write(batch: WriteBatch, options: WriteOptions = {}): Promise<WriteSummary> {
    // Planned before the transaction, so planning never happens inside a turn.
    const plan =
      options.refuseAll === undefined ? await planInTurns(this.model, batch.records) : undefined;
    const transaction = (planned: WritePlan | undefined) =>
      this.graph.writeTransaction((tx) => this.apply(tx, batch, options, planned), {
        timeoutMs: this.options.timeoutMs,
        kind: 'writeBatch',
        metadata: { app: 'memgate-ingestion', action: 'write-batch' },
      });
    // The plan's statements go out with the offset claim. When the claim
    // shows part of the batch already applied, they were sent for records
    // the graph holds: that transaction is rolled back, and the rest of the
    // batch is planned again in a new one.
    const attempt = () =>
      transaction(plan).catch((error: unknown) => {
        if (isOutdatedPlan(error)) return transaction(undefined);
        throw error;
      });
    const needsTurn = plan?.steps.some((step) => step.kind !== 'upsert') ?? false;
    return needsTurn ? this.lane.runExclusive(attempt) : attempt();
  }

  /**
   * `planned` is the plan of the whole batch, sent along with the claim;
   * without it (a retry of a batch the graph partly held, or a bisection's
   * refusal) what the claim leaves is planned here.
   */
  private async apply(
    tx: TransactionScope,
    batch: WriteBatch,
    options: WriteOptions,
    planned: WritePlan | undefined,
  ): Promise<WriteSummary> {
    const now = options.now ?? new Date();
    const claim = tx.run({
      ...claimOffsetStatement(this.labels.offset, batch.position),
      kind: 'claimOffset',
    });
    // Awaited below; until then, what is sent with it may throw first (a
    // receipt the counters cannot encode), and its failure must not go
    // unhandled meanwhile.
    claim.catch(() => undefined);
    // The receipts' counters go out with the plan's last statements,
    // counting what planning left: every record written but those it
    // refused. Only a connect that finds an end missing changes that, and
    // its records are then counted again (`rejectedAfterCounting`).
    let counted: Counted | undefined;
    const count = (records: readonly BatchRecord[], rejections: RejectionsSoFar): Counted => {
      const outcome = tallyBatch(batch.position, records, rejections);
      if (outcome.progress.length === 0) return { outcome };
      return { outcome, answer: this.counters(tx, outcome.progress, now) };
    };
    // Rejections by record index: those planning found are known before the claim answers.
    const rejections = new Map<number, { readonly reason: string; readonly kind: RejectionKind }>();
    const knownSoFar = (plan: WritePlan): RejectionsSoFar =>
      new Map([...refusalsOf(plan), ...rejections]);
    const early =
      planned &&
      new StepSender(tx, planned.steps, () => {
        counted = count(batch.records, knownSoFar(planned));
      });
    early?.sendWindow();
    const [claimed] = await claim;
    const stored = storedPosition(claimed?.get('lastOffset'), claimed?.get('lastIndex'));
    const records = batch.records.filter((record) => !holdsRecord(stored, record));
    const alreadyApplied = batch.records.length - records.length;
    if (alreadyApplied > 0 && early?.started) throw new OutdatedPlan();
    const outbox = carriedOutbox(batch, alreadyApplied, claimed);
    const carried = outbox?.messages ?? [];
    const [first] = records;
    if (!first) return { written: 0, skipped: 0, rejected: [], alreadyApplied, changes: carried };

    const at = now.toISOString();
    const changes: ChangeMessage[] = [...carried];
    // The first reason found for a record is the one it is rejected with.
    const reject = (index: number, reason: string, kind: RejectionKind): void => {
      if (!rejections.has(index)) rejections.set(index, { reason, kind });
    };
    if (options.refuseAll !== undefined) {
      const reason = options.refuseAll;
      records.forEach((_, index) => reject(index, reason, 'engine_refused'));
    } else {
      // The plan sent ahead is the batch's own only when none of it was applied.
      const current = alreadyApplied === 0 ? early : undefined;
      const plan = (current && planned) ?? (await planInTurns(this.model, records));
      const sender =
        current ??
        new StepSender(tx, plan.steps, () => {
          counted = count(records, knownSoFar(plan));
        });
      for (const [index, reason] of plan.refused) {
        reject(index, reason, refusedKind(records[index]));
      }
      for (const [index, step] of plan.steps.entries()) {
        const reported = reportedRows(await sender.answer(index));
        changes.push(...stepChanges(step, reported, at));
        if (step.kind !== 'connect') continue;
        const written = new Set(reported.rows);
        const missing = step.rows.filter(([i]) => !written.has(i));
        if (missing.length === 0) continue;
        const reasons = await missingEndsReasons(tx, step.target, missing, step.origins);
        for (const [index, reason] of reasons) reject(index, reason, 'missing_end');
      }
    }
    // A plan of no statements (all refused) counts here.
    const sent = counted ?? count(records, rejections);

    const outcome = tallyBatch(batch.position, records, rejections);
    const countedAsRejected = new Set(sent.outcome.rejected.map(({ record }) => record));
    const late = outcome.rejected.filter(({ record }) => !countedAsRejected.has(record));
    // By receipt, the counters after this batch: those a correction answers replace the first.
    const receipts = new Map<string, ReceiptCounters>();
    const answered = (records: readonly BoltRecord[]) => {
      for (const record of records) {
        const counters = receiptCountersOf(record);
        receipts.set(counters.id, counters);
      }
    };
    answered(sent.answer ? await sent.answer : []);
    const correction = rejectedAfterCounting(batch.position, late);
    if (correction.length > 0) answered(await this.counters(tx, correction, now));
    for (const counters of receipts.values()) changes.push(receiptChangeMessage(counters, at));

    const unpublished = options.unpublished?.messages ?? [];
    const from = [
      first.offset,
      ...(carried.length > 0 && outbox ? [outbox.from] : []),
      ...(unpublished.length > 0 && options.unpublished ? [options.unpublished.from] : []),
    ].reduce((lowest, offset) => (BigInt(offset) < BigInt(lowest) ? offset : lowest));
    await tx.run({
      ...storeOffsetStatement(this.labels.offset, appliedOffsetOf(batch), {
        changes: encodeOutbox([...unpublished, ...changes]),
        from,
      }),
      kind: 'storeOffset',
    });
    if (outcome.rejected.length > 0) {
      await this.deadLetters.send(
        outcome.rejected.map((rejected) => deadLetterOf(batch.position, rejected)),
      );
      this.countDeadLetters(
        batch.position.topic,
        [...rejections.values()].map(({ kind }) => kind),
      );
    }
    return {
      written: outcome.written,
      skipped: outcome.skipped,
      rejected: outcome.rejected,
      alreadyApplied,
      changes,
    };
  }

  /** Moves the receipts' counters; sent without waiting, its answer is awaited when needed. */
  private counters(
    tx: TransactionScope,
    progress: readonly ReceiptProgress[],
    now: Date,
  ): Promise<BoltRecord[]> {
    const answer = tx.run({
      ...receiptProgressStatement(this.labels.receipt, progress, now),
      kind: 'receiptProgress',
    });
    // Awaited only if the transaction gets that far: see StepSender.send.
    answer.catch(() => undefined);
    return answer;
  }

  private countDeadLetters(topic: string, kinds: Iterable<RejectionKind>): void {
    const { metrics } = this.options;
    if (!metrics) return;
    const counts = new Map<RejectionKind, number>();
    for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    for (const [kind, count] of counts) metrics.recordDeadLetter(topic, kind, count);
  }
}

/** What `tallyBatch` needs of the rejections known so far: each one's reason, by record index. */
type RejectionsSoFar = ReadonlyMap<number, { readonly reason: string }>;

/** Counters sent ahead: the outcome they count, and the statement's answer (none for no receipt). */
interface Counted {
  readonly outcome: BatchOutcome;
  readonly answer?: Promise<BoltRecord[]>;
}

/** The records planning refused, by index, as rejections. */
function refusalsOf(plan: WritePlan): RejectionsSoFar {
  return new Map([...plan.refused].map(([index, reason]) => [index, { reason }]));
}

/** Records planned between two turns of the event loop: a few milliseconds of work. */
const PLAN_SLICE = 500;

/**
 * A batch's plan, a slice of records at a time, letting the events waiting
 * in between run first: planning thousands of records takes tens of
 * milliseconds, and a batch in its write turn would otherwise wait that long
 * for an answer the engine already sent (ADR 0015).
 */
async function planInTurns(model: GraphModel, records: readonly BatchRecord[]): Promise<WritePlan> {
  const planner = new WritePlanner(model);
  for (let start = 0; start === 0 || start < records.length; start += PLAN_SLICE) {
    await setImmediate();
    planner.add(records.slice(start, start + PLAN_SLICE));
  }
  return planner.finish();
}

/**
 * Thrown inside a transaction whose plan went out with its claim when the
 * claim shows part of the batch already applied: the transaction is rolled
 * back, and what is left of the batch planned again.
 */
class OutdatedPlan extends Error {
  constructor() {
    super('part of the batch is already applied: planning the rest again');
  }
}

/** The client wraps what a transaction throws; the cause is what was thrown. */
function isOutdatedPlan(error: unknown): boolean {
  return (
    error instanceof OutdatedPlan || (error instanceof Error && error.cause instanceof OutdatedPlan)
  );
}

/** A record planning refused: refused by its decoder (before planning), or not fitting the model. */
function refusedKind(record: BatchRecord | undefined): RejectionKind {
  if (record?.rejection === undefined) return 'invalid_operation';
  return record.unreadable === true ? 'unreadable' : 'mapping_rejected';
}

/**
 * The outbox, when this batch comes again with messages of the last batch
 * applied to its partition: that batch's worker may have died before it
 * published their events, so they go out again (at least once). Messages
 * applied before that batch had their events published, or the batch
 * after them would not have been written.
 */
function carriedOutbox(
  batch: WriteBatch,
  alreadyApplied: number,
  claimed: BoltRecord | undefined,
): ChangeOutbox | undefined {
  const lastSeenAgain = batch.records[alreadyApplied - 1];
  if (!lastSeenAgain || !claimed) return undefined;
  const outbox = decodeOutbox(claimed.get('changes'), claimed.get('changesFrom'));
  return outbox && BigInt(outbox.from) <= BigInt(lastSeenAgain.offset) ? outbox : undefined;
}

export function deadLetterOf(position: BatchPosition, rejected: RejectedRecord): DeadLetter {
  const { record, reason } = rejected;
  return {
    source: record.deadLetter.source,
    ...recordLocation(position, record),
    receiptId: record.receipt?.id ?? null,
    reason,
    payload: record.deadLetter.payload,
  };
}
