import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../security/principal.js';
import { clientAddress, clientIdOf } from './clientId.js';

describe('clientIdOf', () => {
  it('keys signed-in clients by subject and others by address', () => {
    const user = { kind: 'user', subject: 'ada', roles: [], scopes: [], expiresAt: 0 } as const;
    expect(clientIdOf(user, '10.0.0.1')).toBe('sub:ada');
    expect(clientIdOf(ANONYMOUS, '10.0.0.1')).toBe('ip:10.0.0.1');
  });
});

describe('clientAddress', () => {
  it('trusts X-Forwarded-For only as many hops back as configured', () => {
    const forwarded = '203.0.113.7, 198.51.100.2';
    expect(clientAddress('10.0.0.9', forwarded, 0)).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.9', forwarded, 1)).toBe('198.51.100.2');
    expect(clientAddress('10.0.0.9', forwarded, 2)).toBe('203.0.113.7');
    // Fewer addresses than trusted hops: the farthest one, as Express does.
    expect(clientAddress('10.0.0.9', forwarded, 5)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.9', undefined, 1)).toBe('10.0.0.9');
  });
});
