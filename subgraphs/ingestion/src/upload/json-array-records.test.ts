import { describe, expect, it } from 'vitest';
import { inPieces, parseBody } from '../../test/parse-body.js';
import { jsonArrayRecords } from './json-array-records.js';

describe('jsonArrayRecords', () => {
  const body = `[
  {"id": "a", "text": "a, [quoted] \\"comma\\" }"},
  {"id": "b", "nested": {"list": [1, {"x": "]"}]}},
  {"id": broken},
  "just a string",
  {"id": "c"}
]`;

  it.each([1, 3, 16, 1000])(
    'splits the top-level elements, wherever the body is cut (%i)',
    async (size) => {
      const items = await parseBody(jsonArrayRecords, inPieces(body, size));
      expect(items).toEqual([
        {
          kind: 'record',
          record: { id: 'a', text: 'a, [quoted] "comma" }' },
          line: 2,
          bytes: expect.any(Number),
        },
        {
          kind: 'record',
          record: { id: 'b', nested: { list: [1, { x: ']' }] } },
          line: 3,
          bytes: expect.any(Number),
        },
        {
          kind: 'malformed',
          line: 4,
          raw: '{"id": broken}',
          reason: expect.stringMatching(/^line 4: not JSON: /),
        },
        { kind: 'record', record: 'just a string', line: 5, bytes: 15 },
        { kind: 'record', record: { id: 'c' }, line: 6, bytes: 11 },
      ]);
    },
  );

  it('reads an empty array as no records', async () => {
    expect(await parseBody(jsonArrayRecords, [' [ ] '])).toEqual([]);
  });

  it('refuses a body that is not an array before reading any record', async () => {
    await expect(parseBody(jsonArrayRecords, ['{"id": "a"}'])).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'An application/json upload must be an array of records; the body starts with "{\\"id\\": \\"a\\"}".',
    });
    await expect(parseBody(jsonArrayRecords, ['  '])).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('rejects an element over the limit, an empty one, a truncated end and trailing data', async () => {
    const big = `{"pad": "${'x'.repeat(300)}"}`;
    const items = await parseBody(jsonArrayRecords, inPieces(`[${big},,{"id":1}] x`, 50), 100);
    expect(items.map((item) => (item.kind === 'record' ? item.record : item.reason))).toEqual([
      'line 1: the record is larger than that; at most 100 bytes are accepted per record',
      'line 1: an empty element (two commas in a row)',
      { id: 1 },
      'line 1: data after the closing ] of the array',
    ]);
    const truncated = await parseBody(jsonArrayRecords, ['[{"id": 1}, {"id": 2']);
    expect(truncated.map((item) => (item.kind === 'record' ? item.record : item.reason))).toEqual([
      { id: 1 },
      'line 1: the body ended inside this element: the array is not closed',
    ]);
  });
});
