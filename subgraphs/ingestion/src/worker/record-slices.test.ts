import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../write/write-batch.js';
import type { BatchMessage } from './message-decoders.js';
import { recordSlices } from './record-slices.js';

/** A message whose value is the number of records it carries. */
const message = (offset: number, records: number): BatchMessage => ({
  offset: String(offset),
  value: Buffer.from(String(records)),
});

const decode = (msg: BatchMessage): Promise<BatchRecord[]> => {
  const count = Number(String(msg.value));
  return Promise.resolve(
    Array.from({ length: count }, (_, index) => ({
      offset: msg.offset,
      index,
      endsMessage: index === count - 1,
      receipt: undefined,
      operations: [],
      deadLetter: { source: 't', payload: null },
    })),
  );
};

async function slices(messages: BatchMessage[], max: number) {
  const found: { records: string[]; messages: string[] }[] = [];
  for await (const slice of recordSlices(messages, decode, max)) {
    found.push({
      records: slice.records.map((record) => `${record.offset}#${record.index}`),
      messages: slice.messages.map((msg) => msg.offset),
    });
  }
  return found;
}

describe('record slices', () => {
  it('hold at most max records, splitting a frame that does not fit', async () => {
    expect(await slices([message(0, 1), message(1, 4), message(2, 1)], 3)).toEqual([
      { records: ['0#0', '1#0', '1#1'], messages: ['0', '1'] },
      { records: ['1#2', '1#3', '2#0'], messages: ['1', '2'] },
    ]);
  });

  it('split a frame larger than several slices, and end with what is left', async () => {
    expect(await slices([message(5, 5)], 2)).toEqual([
      { records: ['5#0', '5#1'], messages: ['5'] },
      { records: ['5#2', '5#3'], messages: ['5'] },
      { records: ['5#4'], messages: ['5'] },
    ]);
  });

  it('are none for no messages', async () => {
    expect(await slices([], 2)).toEqual([]);
  });
});
