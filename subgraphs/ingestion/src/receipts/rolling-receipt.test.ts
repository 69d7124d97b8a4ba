import { describe, expect, it } from 'vitest';
import { rollingReceiptRef } from './rolling-receipt.js';

describe('rollingReceiptRef', () => {
  it('is one receipt per source and UTC day of the message timestamp', () => {
    expect(rollingReceiptRef('feed', String(Date.parse('2024-05-01T23:59:59.999Z')))).toEqual({
      id: 'feed@2024-05-01',
      source: 'feed',
      accepted: 0,
      createdAt: '2024-05-01T00:00:00.000Z',
    });
    expect(rollingReceiptRef('feed', String(Date.parse('2024-05-02T00:00:00Z'))).id).toBe(
      'feed@2024-05-02',
    );
  });

  it('puts a message without a timestamp on the epoch day, never on today', () => {
    expect(rollingReceiptRef('feed', undefined).id).toBe('feed@1970-01-01');
  });
});
