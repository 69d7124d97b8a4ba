/** Why one record was rejected, and where it sat in Kafka (its dead letter has the payload). */
export interface IngestionError {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
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
}

export type IngestionStatus = 'ACCEPTED' | 'COMPLETED' | 'FAILED';

/**
 * A receipt is settled once every accepted record is written, rejected or
 * skipped; it failed when nothing of it could be written.
 */
export function receiptStatus(
  receipt: Pick<Receipt, 'accepted' | 'rejected' | 'written' | 'skipped'>,
): IngestionStatus {
  if (receipt.written + receipt.rejected + receipt.skipped < receipt.accepted) return 'ACCEPTED';
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
