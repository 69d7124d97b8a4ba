/**
 * A record the pipeline could not write, as published on the dead-letter
 * topic: where it came from, why it failed, and the payload exactly as the
 * producer sent it, so it can be fixed and sent again. Delivery is at least
 * once: `topic`, `partition`, `offset` and `index` identify a letter.
 */
export interface DeadLetter {
  /** The source (raw ingest) or the mutation (typed operations) that accepted it. */
  readonly source: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The record's place in its message, when the message is a frame of several (ADR 0012). */
  readonly index?: number;
  /** The record's place (0-based) in the request that sent it, when its message says. */
  readonly record?: number;
  /** Absent when the message was too broken to name its receipt. */
  readonly receiptId: string | null;
  readonly reason: string;
  readonly payload: unknown;
  /**
   * For a record refused while an upload was read (never queued, so its
   * partition is -1 and its offset "-1"): the body's line it starts on. The
   * payload is then the raw text of the record.
   */
  readonly line?: number;
}

/** Where dead letters go: the dead-letter topic in production. */
export interface DeadLetterSink {
  send(letters: readonly DeadLetter[]): Promise<void>;
}
