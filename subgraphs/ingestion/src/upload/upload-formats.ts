import { MemgateError } from '@memgate/platform/errors';
import { csvRecords } from './csv-records.js';
import { jsonArrayRecords } from './json-array-records.js';
import { ndjsonRecords } from './ndjson-records.js';
import type { UploadParser } from './upload-item.js';

/** The body formats `POST /ingest/{source}` reads, by media type. */
const FORMATS: Readonly<Record<string, UploadParser>> = {
  'application/x-ndjson': ndjsonRecords,
  'application/ndjson': ndjsonRecords,
  'application/jsonl': ndjsonRecords,
  'application/json': jsonArrayRecords,
  'text/csv': csvRecords,
};

/** The parser for a Content-Type (parameters such as `charset` ignored), or 415. */
export function uploadParserFor(contentType: string | undefined): UploadParser {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const parser = FORMATS[mediaType];
  if (parser) return parser;
  throw new MemgateError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${mediaType ? `Content-Type ${mediaType} is not supported` : 'The upload has no Content-Type'}: send application/x-ndjson, application/json (an array of records) or text/csv (with a header row).`,
    { details: { supported: ['application/x-ndjson', 'application/json', 'text/csv'] } },
  );
}
