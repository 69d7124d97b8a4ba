import { describe, expect, it } from 'vitest';
import { inPieces, parseBody } from '../../test/parse-body.js';
import { csvRecords } from './csv-records.js';

const records = async (text: string, size = 1000, max = 1000) =>
  (await parseBody(csvRecords, inPieces(text, size), max)).map((item) =>
    item.kind === 'record' ? [item.line, item.record] : [item.line, item.reason, item.raw],
  );

describe('csvRecords', () => {
  const body = [
    '\uFEFFid,name,age',
    'c1,Ada,36',
    'c2,"Lovelace, Ada",',
    'c3,"Multi',
    'line ""quoted""",7',
    '',
    'c4,Bad',
    'c5,Too,many,fields',
    'c6,"x"y,1',
    'c7,un"quoted,2',
    'c8,Last,9',
  ].join('\r\n');

  it.each([1, 2, 5, 1000])(
    'reads rows as records keyed by the header (%i-byte pieces)',
    async (size) => {
      expect(await records(body, size)).toEqual([
        [2, { id: 'c1', name: 'Ada', age: '36' }],
        // An empty cell is left out: the mapping sees the field as missing.
        [3, { id: 'c2', name: 'Lovelace, Ada' }],
        [4, { id: 'c3', name: 'Multi\r\nline "quoted"', age: '7' }],
        [7, 'line 7 has 2 fields; the header has 3', 'c4,Bad'],
        [8, 'line 8 has 4 fields; the header has 3', 'c5,Too,many,fields'],
        [9, 'line 9: a closing quote must end its field, got "y"', 'c6,"x"y'],
        [10, { id: 'c7', name: 'un"quoted', age: '2' }],
        [11, { id: 'c8', name: 'Last', age: '9' }],
      ]);
    },
  );

  it('rejects a record over the limit (an unclosed quote) and resumes at the next line', async () => {
    const text = `id,name\n1,"never closed\n2,${'x'.repeat(200)}\n3,ok\n4,"fine"\n`;
    expect(await records(text, 7, 50)).toEqual([
      [
        2,
        'line 2: the record is larger than that; at most 50 bytes are accepted per record',
        '1,"never closed\n2,' + 'x'.repeat(33),
      ],
      [4, { id: '3', name: 'ok' }],
      [5, { id: '4', name: 'fine' }],
    ]);
  });

  it('rejects a quoted field the body ends inside', async () => {
    expect(await records('id,name\n1,"open')).toEqual([
      [2, 'line 2: the body ended inside a quoted field', '1,"open'],
    ]);
  });

  it('refuses a header with an unnamed or repeated column', async () => {
    await expect(records('id,,x\n1,2,3\n')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The CSV header names no column 2: every column needs a name.',
    });
    await expect(records('id,id\n1,2\n')).rejects.toMatchObject({
      message: 'The CSV header names the column "id" twice.',
    });
  });
});
