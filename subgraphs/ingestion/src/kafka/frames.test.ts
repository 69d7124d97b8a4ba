import { describe, expect, it } from 'vitest';
import { frameJson, frameRuns, runsWhere } from './frames.js';

const runs = (texts: string[], maxRecords: number, maxBytes: number) => [
  ...frameRuns(texts, { maxRecords, maxBytes }),
];

describe('frame JSON', () => {
  it('is the head with the list of already serialized items as one more field', () => {
    const text = frameJson({ v: 2, receipt: { id: 'r"1' } }, 'records', ['{"a":1}', '"x"', 'null']);
    expect(JSON.parse(text)).toEqual({
      v: 2,
      receipt: { id: 'r"1' },
      records: [{ a: 1 }, 'x', null],
    });
  });
});

describe('runs where items belong together', () => {
  it('cut wherever the next item does not follow the one before, keeping the order', () => {
    const follows = (previous: number, next: number) => next === previous + 1;
    expect(runsWhere([0, 1, 3, 4, 5, 9], follows)).toEqual([[0, 1], [3, 4, 5], [9]]);
    expect(runsWhere([], follows)).toEqual([]);
  });
});

describe('frame runs', () => {
  it('cut at the most records of a frame', () => {
    expect(runs(['a', 'b', 'c', 'd', 'e'], 2, 100)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });

  it('cut before the record that would make a frame too long, a long record being a frame alone', () => {
    expect(runs(['aa', 'bb', 'cccccc', 'd'], 10, 5)).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it('measure records in UTF-8 bytes, as the broker does', () => {
    // Two characters each, six bytes each.
    expect(runs(['日本', '日本', '日本'], 10, 12)).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('are none for no records', () => {
    expect(runs([], 10, 10)).toEqual([]);
  });
});
