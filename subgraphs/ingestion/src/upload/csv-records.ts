import { StringDecoder } from 'node:string_decoder';
import { MemgateError } from '@memgate/platform/errors';
import {
  MAX_RAW_CHARS,
  tooLargeReason,
  type UploadItem,
  type UploadParser,
} from './upload-item.js';

/**
 * CSV (RFC 4180: `,` between fields, `"` quotes a field, `""` is a quote
 * inside one, `\n` or `\r\n` ends a record, fields may span lines when
 * quoted), with a header row naming the columns. Each row becomes a record
 * `{ column: value }` of strings (the mapping coerces them); an empty cell
 * is left out, so the mapping sees it as missing and applies its default.
 *
 * Parsed here, not with csv-parse: its `max_record_size` with
 * `skip_records_with_error` drops the rest of the chunk after an oversize
 * record (6.2), and without a size limit an unclosed quote would make it
 * buffer the rest of the body. This scanner bounds every record: one that
 * grows past the limit (an unclosed quote, usually) is rejected and
 * scanning starts again at the next line, so the rest of the body ingests.
 */
export const csvRecords: UploadParser = async function* (body, { maxRecordBytes }) {
  const decoder = new StringDecoder('utf8');
  const scanner = new CsvScanner(maxRecordBytes);
  let first = true;
  for await (const chunk of body) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    yield* scanner.scan(text);
  }
  yield* scanner.scan(decoder.end());
  yield* scanner.finish();
};

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'broken';

class CsvScanner {
  private header: string[] | undefined;
  private state: State = 'fieldStart';
  private fields: string[] = [];
  private field = '';
  private raw = '';
  private line = 1;
  private recordLine = 1;
  /** Why the record in progress is rejected; its rest is skipped up to the end of the line. */
  private brokenBecause: ((line: number) => string) | undefined;

  constructor(private readonly maxRecordBytes: number) {}

  *scan(text: string): Generator<UploadItem> {
    for (const char of text) {
      if (this.raw.length === 0 && this.fields.length === 0 && this.field.length === 0) {
        this.recordLine = this.line;
      }
      if (char === '\n') this.line += 1;
      if (this.state === 'broken') {
        if (char === '\n') yield this.rejectRecord();
        continue;
      }
      this.raw += char;
      if (this.raw.length > this.maxRecordBytes) {
        this.breakRecord((line) => tooLargeReason(line, this.maxRecordBytes));
        if (char === '\n') yield this.rejectRecord();
        continue;
      }
      const item = this.step(char);
      if (item) yield item;
    }
  }

  *finish(): Generator<UploadItem> {
    if (this.state === 'broken') {
      yield this.rejectRecord();
    } else if (this.state === 'quoted') {
      this.breakRecord((line) => `line ${line}: the body ended inside a quoted field`);
      yield this.rejectRecord();
    } else if (this.raw.trim().length > 0) {
      const item = this.endRecord();
      if (item) yield item;
    }
  }

  private step(char: string): UploadItem | undefined {
    switch (this.state) {
      case 'fieldStart':
        if (char === '"') {
          this.state = 'quoted';
          return undefined;
        }
        this.state = 'unquoted';
        return this.step(char);
      case 'unquoted':
        if (char === ',') this.endField();
        else if (char === '\n') return this.endRecord();
        // A lone quote inside an unquoted field is kept as text; `\r` only ends lines.
        else if (char !== '\r') this.field += char;
        return undefined;
      case 'quoted':
        if (char === '"') this.state = 'quoteInQuoted';
        else this.field += char;
        return undefined;
      case 'quoteInQuoted':
        if (char === '"') {
          this.field += '"';
          this.state = 'quoted';
        } else if (char === ',') {
          this.endField();
        } else if (char === '\n') {
          return this.endRecord();
        } else if (char !== '\r') {
          this.breakRecord(
            (line) =>
              `line ${line}: a closing quote must end its field, got ${JSON.stringify(char)}`,
          );
        }
        return undefined;
      case 'broken':
        return undefined;
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'fieldStart';
  }

  private endRecord(): UploadItem | undefined {
    this.fields.push(this.field);
    const fields = this.fields;
    const raw = this.raw.replace(/\r?\n$/, '');
    const line = this.recordLine;
    this.reset();
    if (fields.length === 1 && fields[0] === '' && raw.trim().length === 0) return undefined;
    if (!this.header) {
      this.header = checkedHeader(fields);
      return undefined;
    }
    if (fields.length !== this.header.length) {
      return {
        kind: 'malformed',
        line,
        raw,
        reason: `line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${this.header.length}`,
      };
    }
    const record: Record<string, string> = {};
    this.header.forEach((name, index) => {
      const value = fields[index];
      if (value !== undefined && value !== '') record[name] = value;
    });
    return { kind: 'record', record, line, bytes: Buffer.byteLength(raw) };
  }

  private breakRecord(reason: (line: number) => string): void {
    this.brokenBecause ??= reason;
    this.state = 'broken';
  }

  private rejectRecord(): UploadItem {
    const line = this.recordLine;
    const raw = this.raw.replace(/\r?\n$/, '').slice(0, MAX_RAW_CHARS);
    const reason = (this.brokenBecause ?? ((at) => `line ${at}: malformed`))(line);
    this.reset();
    return { kind: 'malformed', line, raw, reason };
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.raw = '';
    this.state = 'fieldStart';
    this.brokenBecause = undefined;
  }
}

/** Column names must be there and distinct: a record is an object keyed by them. */
function checkedHeader(fields: readonly string[]): string[] {
  const names = fields.map((field) => field.trim());
  const empty = names.findIndex((name) => name.length === 0);
  if (empty >= 0) {
    throw new MemgateError(
      'BAD_REQUEST',
      `The CSV header names no column ${empty + 1}: every column needs a name.`,
    );
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) {
    throw new MemgateError('BAD_REQUEST', `The CSV header names the column "${repeated}" twice.`);
  }
  return names;
}
