/**
 * One record of an upload body as a parser reads it: a record to queue, or
 * a malformed one (a line that is not JSON, a CSV row with the wrong number
 * of fields, a record over the size limit), which is rejected with its
 * line number and the raw text while the rest of the body still ingests.
 */
export type UploadItem =
  | {
      readonly kind: 'record';
      readonly record: unknown;
      /** 1-based line of the body where the record starts. */
      readonly line: number;
      /** Its size in the body, for chunking. */
      readonly bytes: number;
    }
  | {
      readonly kind: 'malformed';
      readonly line: number;
      /** The raw text, cut to MAX_RAW_CHARS when it was too large to keep. */
      readonly raw: string;
      readonly reason: string;
    };

export type MalformedItem = Extract<UploadItem, { kind: 'malformed' }>;

/** Reads a body's records incrementally; never holds more than one record of it. */
export type UploadParser = (
  body: AsyncIterable<Buffer>,
  limits: { readonly maxRecordBytes: number },
) => AsyncIterable<UploadItem>;

/** An oversize record is dead-lettered with its beginning only: the letter must fit in a message. */
export const MAX_RAW_CHARS = 1024;

/** A record over the size limit; `bytes` when known (a skipped rest is never counted). */
export function tooLarge(line: number, raw: string, max: number, bytes?: number): MalformedItem {
  return {
    kind: 'malformed',
    line,
    raw: raw.slice(0, MAX_RAW_CHARS),
    reason: tooLargeReason(line, max, bytes),
  };
}

export function tooLargeReason(line: number, max: number, bytes?: number): string {
  const size = bytes === undefined ? 'larger than that' : `${bytes} bytes`;
  return `line ${line}: the record is ${size}; at most ${max} bytes are accepted per record`;
}
