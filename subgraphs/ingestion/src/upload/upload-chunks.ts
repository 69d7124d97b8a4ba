import type { MalformedItem, UploadItem } from './upload-item.js';

/** What is sent to Kafka together, then acknowledged, before more of the body is read. */
export interface UploadChunk {
  /** The records to queue, with their position among the body's records. */
  readonly records: readonly { readonly record: unknown; readonly index: number }[];
  /** The records refused while reading, with their position too. */
  readonly malformed: readonly (MalformedItem & { readonly index: number })[];
}

export interface ChunkLimits {
  readonly maxItems: number;
  readonly maxBytes: number;
}

/**
 * Groups a body's items into bounded chunks (by count and by bytes): the
 * upload awaits each chunk's acknowledgement before pulling the next, so
 * memory holds one chunk however large the body, and a slow broker slows
 * the client down instead of filling the heap.
 */
export async function* uploadChunks(
  items: AsyncIterable<UploadItem>,
  limits: ChunkLimits,
): AsyncGenerator<UploadChunk> {
  let records: { record: unknown; index: number }[] = [];
  let malformed: (MalformedItem & { index: number })[] = [];
  let bytes = 0;
  let index = 0;
  for await (const item of items) {
    if (item.kind === 'record') {
      records.push({ record: item.record, index });
      bytes += item.bytes;
    } else {
      malformed.push({ ...item, index });
      bytes += item.raw.length;
    }
    index += 1;
    if (records.length + malformed.length >= limits.maxItems || bytes >= limits.maxBytes) {
      yield { records, malformed };
      records = [];
      malformed = [];
      bytes = 0;
    }
  }
  if (records.length + malformed.length > 0) yield { records, malformed };
}
