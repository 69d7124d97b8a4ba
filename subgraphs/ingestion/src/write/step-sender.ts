import type { TransactionScope } from '@memgate/cypher';
import type { Record as BoltRecord } from 'neo4j-driver';
import type { PlannedStep, StepKind } from './write-plan.js';

/** The statement kinds of spans and `memgate_cypher_*` metrics (never the Cypher text). */
const STEP_KINDS: Readonly<Record<StepKind, string>> = {
  upsert: 'upsertNodes',
  connect: 'connectRelationships',
  disconnect: 'disconnectRelationships',
  delete: 'deleteNodes',
};

/**
 * Sends a plan's statements ahead of their answers, so that one round trip
 * to the engine carries several of them (Bolt keeps their order; the
 * engine runs them one after the other as before). The writer's event loop
 * is shared with the batches of other partitions, and every answer it waits
 * for inside a transaction may also wait for their work: fewer waits keep
 * the engine busy (ADR 0015).
 *
 * A window of steps ends with a connect: the rows a connect did not write
 * are asked about (`missingEndsReasons`) before any data statement after
 * it runs, so the answer matches what the connect saw. (The receipts'
 * counters, sent with the last window, may run in between: they touch
 * only receipts.)
 */
export class StepSender {
  private readonly sent: Promise<BoltRecord[]>[] = [];

  /**
   * `afterLast` sends what follows the plan's statements (the receipts'
   * counters): it is called once, right after the last step went out, so
   * that it travels with the last window instead of waiting for answers.
   */
  constructor(
    private readonly tx: TransactionScope,
    private readonly steps: readonly PlannedStep[],
    private readonly afterLast?: () => void,
  ) {}

  /** True once anything was sent. */
  get started(): boolean {
    return this.sent.length > 0;
  }

  /** Sends every step not sent yet, up to and including the next connect. */
  sendWindow(): void {
    for (let step = this.steps[this.sent.length]; step; step = this.steps[this.sent.length]) {
      this.sent.push(this.send(step));
      if (this.sent.length === this.steps.length) this.afterLast?.();
      if (step.kind === 'connect') return;
    }
  }

  /** The answer of step `index`, sending its window first if it has not gone out yet. */
  async answer(index: number): Promise<BoltRecord[]> {
    while (this.sent.length <= index && this.sent.length < this.steps.length) this.sendWindow();
    const sent = this.sent[index];
    if (!sent) throw new RangeError(`the plan has no step ${index}`);
    return sent;
  }

  private send(step: PlannedStep): Promise<BoltRecord[]> {
    const result = this.tx.run({ ...step.statement, kind: STEP_KINDS[step.kind] });
    // An answer nobody awaits (the transaction failed or was abandoned
    // first) must not surface as an unhandled rejection; the transaction's
    // own failure is what the caller sees.
    result.catch(() => undefined);
    return result;
  }
}
