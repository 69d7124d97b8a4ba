import { describe, expect, it } from 'vitest';
import type { DeadLetter } from '../model/dead-letter.js';
import { decodeDeadLetter, encodeDeadLetter } from './dead-letter-codec.js';
import { DeadLetterProducer } from './dead-letter-producer.js';

const letter: DeadLetter = {
  source: 'crm',
  topic: 'memgate.raw.crm',
  partition: 2,
  offset: '41',
  receiptId: 'r1',
  reason: 'nodes[0] (Person) key id: no value at "id"',
  payload: { name: 'No key', nested: [1, { x: null }] },
};

describe('dead letters', () => {
  it('round-trip with the time of failure, the payload untouched', () => {
    const encoded = encodeDeadLetter(letter, new Date('2024-05-01T12:00:00Z'));
    expect(decodeDeadLetter(Buffer.from(encoded))).toEqual({
      ...letter,
      failedAt: '2024-05-01T12:00:00.000Z',
    });
    expect(decodeDeadLetter(Buffer.from('nope'))).toBeUndefined();
    expect(decodeDeadLetter(null)).toBeUndefined();
  });

  it('are keyed by receipt, or by topic and partition for a message that named none', async () => {
    const sent: { topic: string; keys: unknown[] }[] = [];
    const producer = new DeadLetterProducer(
      {
        send: (topic, messages) => {
          sent.push({ topic, keys: messages.map((message) => message.key) });
          return Promise.resolve();
        },
      },
      'memgate.dead-letters',
    );
    await producer.send([letter, { ...letter, receiptId: null }]);
    expect(sent).toEqual([{ topic: 'memgate.dead-letters', keys: ['r1', 'memgate.raw.crm/2'] }]);
  });
});
