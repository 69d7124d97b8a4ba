/** Why one record was rejected, and where it sat in Kafka (its dead letter has the payload). */
export interface IngestionError {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The record's place in its message, when the message is a frame of several (ADR 0012). */
  readonly index?: number;
  /** The record's place (0-based) in the request that sent it, when its message says. */
  readonly record?: number;
  readonly reason: string;
}

/** What the API tells about one ingestion request. */
export interface Receipt {
  readonly id: string;
  readonly source: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly written: number;
  /** Records a mapping's drop rule or hook left out on purpose. */
  readonly skipped: number;
  /** ISO-8601 with an offset. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Encoded keys (see `encodeEntityKey`) of the entities it upserted, by node type name. */
  readonly entityKeys: ReadonlyMap<string, readonly string[]>;
  /** The first MAX_RECEIPT_ERRORS rejections. */
  readonly errors: readonly IngestionError[];
  /**
   * A REST upload still streaming its body: `accepted` is only known at
   * its end, so the receipt cannot be settled before.
   */
  readonly receiving?: boolean;
  /**
   * Records an upload refused while reading its body (malformed lines,
   * oversize records): counted in `rejected` but never queued, so not in
   * `accepted` either.
   */
  readonly refused?: number;
}

export type IngestionStatus = 'ACCEPTED' | 'COMPLETED' | 'FAILED';

/**
 * A receipt is settled once every accepted record is written, rejected or
 * skipped (records refused at upload were never accepted, so they do not
 * count towards it); it failed when nothing of it could be written.
 */
export function receiptStatus(
  receipt: Pick<Receipt, 'accepted' | 'rejected' | 'written' | 'skipped' | 'receiving' | 'refused'>,
): IngestionStatus {
  if (receipt.receiving === true) return 'ACCEPTED';
  const settled = receipt.written + receipt.rejected - (receipt.refused ?? 0) + receipt.skipped;
  if (settled < receipt.accepted) return 'ACCEPTED';
  return receipt.written === 0 && receipt.rejected > 0 ? 'FAILED' : 'COMPLETED';
}

/** Receipts keep the first 1000 keys per node type: enough to follow up, bounded in memory. */
export const MAX_KEYS_PER_TYPE = 1000;

/** Receipts keep the reasons of the first 100 rejections; the dead-letter topic has them all. */
export const MAX_RECEIPT_ERRORS = 100;

/** Distinct keys in first-seen order, at most `MAX_KEYS_PER_TYPE` per type. */
export function collectEntityKeys(
  entities: Iterable<{ readonly type: string; readonly key: string }>,
): Map<string, string[]> {
  const seen = new Map<string, Set<string>>();
  for (const { type, key } of entities) {
    let keys = seen.get(type);
    if (!keys) seen.set(type, (keys = new Set()));
    if (keys.size < MAX_KEYS_PER_TYPE) keys.add(key);
  }
  return new Map([...seen].map(([type, keys]) => [type, [...keys]]));
}
