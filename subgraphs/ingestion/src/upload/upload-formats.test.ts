import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.js';
import { jsonArrayRecords } from './json-array-records.js';
import { ndjsonRecords } from './ndjson-records.js';
import { uploadParserFor } from './upload-formats.js';

describe('uploadParserFor', () => {
  it.each([
    ['application/x-ndjson', ndjsonRecords],
    ['application/jsonl', ndjsonRecords],
    ['Application/JSON; charset=utf-8', jsonArrayRecords],
    ['text/csv;charset=utf-8', csvRecords],
  ])('reads %s', (contentType, parser) => {
    expect(uploadParserFor(contentType)).toBe(parser);
  });

  it('answers 415 naming the formats it reads', () => {
    expect(() => uploadParserFor('text/plain')).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        httpStatus: 415,
        message:
          'Content-Type text/plain is not supported: send application/x-ndjson, application/json (an array of records) or text/csv (with a header row).',
      }),
    );
    expect(() => uploadParserFor(undefined)).toThrow(/The upload has no Content-Type/);
  });
});
