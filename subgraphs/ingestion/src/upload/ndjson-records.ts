import { StringDecoder } from 'node:string_decoder';
import { MAX_RAW_CHARS, tooLarge, type UploadItem, type UploadParser } from './upload-item.js';

/**
 * NDJSON: one JSON value per line (`\n` or `\r\n`); blank lines are
 * ignored. A line is held only until its newline arrives, and one longer
 * than the record limit is not held at all: its beginning is kept for the
 * dead letter and the rest skipped up to the next newline.
 */
export const ndjsonRecords: UploadParser = async function* (body, { maxRecordBytes }) {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  /** Set while skipping the rest of an oversize line: its beginning. */
  let oversize: string | undefined;
  for await (const chunk of body) {
    const text = pending + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      line += 1;
      const current = text.slice(start, end);
      start = end + 1;
      if (oversize !== undefined) {
        yield tooLarge(line, oversize + current, maxRecordBytes);
        oversize = undefined;
      } else {
        const item = lineItem(current, line, maxRecordBytes);
        if (item) yield item;
      }
    }
    pending = text.slice(start);
    // Characters never outnumber bytes: a line this long is over the limit already.
    if (oversize !== undefined || pending.length > maxRecordBytes) {
      oversize = ((oversize ?? '') + pending).slice(0, MAX_RAW_CHARS);
      pending = '';
    }
  }
  pending += decoder.end();
  if (oversize !== undefined) {
    yield tooLarge(line + 1, oversize + pending, maxRecordBytes);
  } else if (pending.length > 0) {
    const item = lineItem(pending, line + 1, maxRecordBytes);
    if (item) yield item;
  }
};

function lineItem(text: string, line: number, maxRecordBytes: number): UploadItem | undefined {
  const raw = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (raw.trim().length === 0) return undefined;
  const bytes = Buffer.byteLength(raw);
  if (bytes > maxRecordBytes) return tooLarge(line, raw, maxRecordBytes, bytes);
  try {
    return { kind: 'record', record: JSON.parse(raw) as unknown, line, bytes };
  } catch (error) {
    return {
      kind: 'malformed',
      line,
      raw,
      reason: `line ${line} is not JSON: ${(error as Error).message}`,
    };
  }
}
