import { describe, expect, it } from 'vitest';
import { SAMPLE_CHANGES } from '../../test/sample-changes.js';
import { CHANGE_FORMAT_VERSION, decodeChangeEvents, encodeChangeFrame } from './change-codec.js';

const [created, receipt] = SAMPLE_CHANGES.map(({ event }) => event);

describe('the changes topic format', () => {
  it('reads a frame back as its events, in order', () => {
    const value = encodeChangeFrame([JSON.stringify(created), JSON.stringify(receipt)]);
    expect(JSON.parse(value)).toEqual({ v: CHANGE_FORMAT_VERSION, events: [created, receipt] });
    expect(decodeChangeEvents(Buffer.from(value))).toEqual({
      ok: true,
      events: [created, receipt],
    });
  });

  it('reads a message of an earlier release (one event, no envelope) as that event', () => {
    expect(decodeChangeEvents(JSON.stringify(created))).toEqual({ ok: true, events: [created] });
  });

  it.each([
    ['an empty message', null, 'empty message'],
    ['text that is not JSON', 'created p1', 'not JSON'],
    ['JSON that is not an object', '[1]', 'not a JSON object'],
    ['a frame of an unknown version', '{"v":3,"events":[]}', 'unknown change format version 3'],
    ['a frame without its events', '{"v":2}', 'a change frame without events'],
  ])('refuses %s, with the reason', (_name, value, reason) => {
    expect(decodeChangeEvents(value)).toEqual({ ok: false, reason });
  });
});
