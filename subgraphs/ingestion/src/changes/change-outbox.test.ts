import { describe, expect, it } from 'vitest';
import { SAMPLE_CHANGES } from '../../test/sample-changes.js';
import { decodeOutbox, encodeOutbox } from './change-outbox.js';

const messages = SAMPLE_CHANGES;

describe('the change outbox', () => {
  it("round-trips a batch's events and their message keys through one compact string", () => {
    const encoded = encodeOutbox(messages);
    expect(JSON.parse(encoded ?? 'null')).toMatchObject({ v: 2 });
    expect(decodeOutbox(encoded, '41')).toEqual({ messages, from: '41' });
  });

  it('stores nothing for a batch that changed nothing', () => {
    expect(encodeOutbox([])).toBeNull();
    expect(decodeOutbox(null, null)).toBeUndefined();
  });

  it('reads what is not an outbox as nothing to publish, and the [key, event] pairs of earlier releases', () => {
    expect(decodeOutbox('not json', '1')).toBeUndefined();
    expect(decodeOutbox('{"a":1}', '1')).toBeUndefined();
    expect(decodeOutbox('[["k"], [1, {}], ["k", {"kind": "created"}]]', '1')).toEqual({
      messages: [{ key: 'k', event: { kind: 'created' } }],
      from: '1',
    });
  });
});
