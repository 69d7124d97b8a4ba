import { describe, expect, it } from 'vitest';
import { inPieces, parseBody } from '../../test/parse-body.js';
import { ndjsonRecords } from './ndjson-records.js';

describe('ndjsonRecords', () => {
  const body = '{"id":"a","name":"Ådå"}\r\n\n  \n{"id":"b"}\nnot json\n[1,2]\n{"id":"c"}';

  it.each([1, 2, 3, 7, 1000])(
    'reads one record per line, wherever the body is cut (%i-byte pieces)',
    async (size) => {
      expect(await parseBody(ndjsonRecords, inPieces(body, size))).toEqual([
        { kind: 'record', record: { id: 'a', name: 'Ådå' }, line: 1, bytes: 25 },
        { kind: 'record', record: { id: 'b' }, line: 4, bytes: 10 },
        {
          kind: 'malformed',
          line: 5,
          raw: 'not json',
          reason: expect.stringMatching(/^line 5 is not JSON: /),
        },
        // Any JSON value is a record here; the mapping rejects what is not an object.
        { kind: 'record', record: [1, 2], line: 6, bytes: 5 },
        { kind: 'record', record: { id: 'c' }, line: 7, bytes: 10 },
      ]);
    },
  );

  it('refuses a line over the record limit without holding it, keeping its beginning', async () => {
    const long = `{"id":"x","pad":"${'y'.repeat(5000)}"}`;
    const items = await parseBody(
      ndjsonRecords,
      inPieces(`{"id":"a"}\n${long}\n{"id":"b"}\n`, 64),
      100,
    );
    expect(items.map((item) => [item.kind, item.line])).toEqual([
      ['record', 1],
      ['malformed', 2],
      ['record', 3],
    ]);
    expect(items[1]).toMatchObject({
      raw: long.slice(0, 1024),
      reason: 'line 2: the record is larger than that; at most 100 bytes are accepted per record',
    });
  });

  it('names the size of a line just over the limit', async () => {
    const [item] = await parseBody(ndjsonRecords, [`{"id":"${'x'.repeat(95)}"}\n`], 100);
    expect(item).toMatchObject({
      kind: 'malformed',
      reason: 'line 1: the record is 104 bytes; at most 100 bytes are accepted per record',
    });
  });

  it('reads nothing from an empty body', async () => {
    expect(await parseBody(ndjsonRecords, [])).toEqual([]);
  });
});
