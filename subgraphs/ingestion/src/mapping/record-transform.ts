/**
 * The TypeScript hook of a source, for what a mapping cannot say: a module
 * named by the mapping's `hook:` that exports `transform` (or a default
 * function). It gets a copy of each raw record before the mapping and
 * returns the record to map, or null to skip it; throwing rejects it with
 * the error's message.
 *
 * ```ts
 * import type { RecordTransform } from '@memgate/ingestion';
 * export const transform: RecordTransform = (record) => ({ ...record, id: String(record.id) });
 * ```
 */
export type RawRecord = Record<string, unknown>;

export type RecordTransform = (
  record: RawRecord,
) => RawRecord | null | undefined | Promise<RawRecord | null | undefined>;
