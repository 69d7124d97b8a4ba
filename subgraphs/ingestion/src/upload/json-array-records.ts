import { StringDecoder } from 'node:string_decoder';
import { MemgateError } from '@memgate/platform/errors';
import { MAX_RAW_CHARS, tooLarge, type UploadItem, type UploadParser } from './upload-item.js';

const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * A JSON array of records, split into its elements as the bytes arrive: a
 * scanner follows strings and nesting just enough to find the commas
 * between top-level elements, and each element is parsed on its own. So a
 * huge array never sits in memory, and a broken element is rejected alone
 * (with the line it starts on) while the others still ingest. A body that
 * is not an array at all is refused before anything is queued.
 */
export const jsonArrayRecords: UploadParser = async function* (body, { maxRecordBytes }) {
  const decoder = new StringDecoder('utf8');
  const scanner = new ArrayScanner(maxRecordBytes);
  for await (const chunk of body) yield* scanner.scan(decoder.write(chunk));
  yield* scanner.scan(decoder.end());
  yield* scanner.finish();
};

type State = 'before' | 'inside' | 'after';

class ArrayScanner {
  private state: State = 'before';
  private line = 1;
  /** The current element's text so far; undefined between elements. */
  private element: string | undefined;
  private elementLine = 0;
  private oversize = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private trailingReported = false;

  constructor(private readonly maxRecordBytes: number) {}

  *scan(text: string): Generator<UploadItem> {
    let start = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (this.element !== undefined) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (code === BACKSLASH) this.escaped = true;
          else if (code === QUOTE) this.inString = false;
        } else if (code === QUOTE) {
          this.inString = true;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          this.depth += 1;
        } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && this.depth > 0) {
          this.depth -= 1;
        } else if (this.depth === 0 && (code === COMMA || code === CLOSE_BRACKET)) {
          this.append(text.slice(start, index));
          yield this.complete();
          if (code === CLOSE_BRACKET) this.state = 'after';
        }
      } else if (isSpace(code)) {
        // Whitespace between tokens.
      } else if (this.state === 'before') {
        if (code !== OPEN_BRACKET) {
          throw new MemgateError(
            'BAD_REQUEST',
            `An application/json upload must be an array of records; the body starts with ${JSON.stringify(text.slice(index, index + 20))}.`,
          );
        }
        this.state = 'inside';
      } else if (this.state === 'inside') {
        if (code === CLOSE_BRACKET) {
          this.state = 'after';
        } else if (code === COMMA) {
          yield this.malformed(this.line, '', 'an empty element (two commas in a row)');
        } else {
          this.element = '';
          this.elementLine = this.line;
          start = index;
          index -= 1; // Scan the element's first character as part of it.
        }
      } else if (!this.trailingReported) {
        this.trailingReported = true;
        yield this.malformed(
          this.line,
          text.slice(index, index + MAX_RAW_CHARS),
          'data after the closing ] of the array',
        );
      }
      if (code === NEWLINE) this.line += 1;
    }
    if (this.element !== undefined) this.append(text.slice(start));
  }

  *finish(): Generator<UploadItem> {
    if (this.state === 'before') {
      throw new MemgateError('BAD_REQUEST', 'The body is empty: send a JSON array of records.');
    }
    if (this.element !== undefined) {
      yield this.malformed(
        this.elementLine,
        this.element.slice(0, MAX_RAW_CHARS),
        'the body ended inside this element: the array is not closed',
      );
      this.element = undefined;
    } else if (this.state === 'inside') {
      yield this.malformed(this.line, '', 'the body ended before the closing ] of the array');
    }
  }

  private append(text: string): void {
    if (this.oversize || this.element === undefined) return;
    // Characters never outnumber bytes: an element this long is over the limit already.
    if (this.element.length + text.length > this.maxRecordBytes) {
      this.oversize = true;
      this.element = (this.element + text.slice(0, MAX_RAW_CHARS)).slice(0, MAX_RAW_CHARS);
    } else {
      this.element += text;
    }
  }

  private complete(): UploadItem {
    const raw = (this.element ?? '').trim();
    const line = this.elementLine;
    const oversize = this.oversize;
    this.element = undefined;
    this.oversize = false;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    if (oversize) return tooLarge(line, raw, this.maxRecordBytes);
    const bytes = Buffer.byteLength(raw);
    if (bytes > this.maxRecordBytes) return tooLarge(line, raw, this.maxRecordBytes, bytes);
    try {
      return { kind: 'record', record: JSON.parse(raw) as unknown, line, bytes };
    } catch (error) {
      return this.malformed(line, raw, `not JSON: ${(error as Error).message}`);
    }
  }

  private malformed(line: number, raw: string, why: string): UploadItem {
    return { kind: 'malformed', line, raw, reason: `line ${line}: ${why}` };
  }
}
