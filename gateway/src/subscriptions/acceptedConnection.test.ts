import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS, type UserPrincipal } from '../security/principal.js';
import { AcceptedConnection } from './acceptedConnection.js';

function fakeSocket(bufferedAmount = 0) {
  const closes: [number, string][] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount,
    close(code: number, reason: string) {
      closes.push([code, reason]);
      this.readyState = 2;
    },
  };
  return { socket: socket as unknown as WebSocket, closes };
}

const LIMITS = { maxBufferedBytes: 1024, clockSkewSeconds: 5 };

function user(expiresInSeconds: number): UserPrincipal {
  return {
    kind: 'user',
    subject: 'ada',
    roles: [],
    scopes: [],
    expiresAt: Math.floor(Date.now() / 1000) + expiresInSeconds,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AcceptedConnection', () => {
  it('lets events through while the send buffer is within bounds', () => {
    const { socket, closes } = fakeSocket(100);
    expect(new AcceptedConnection(socket, ANONYMOUS, 'ip:1', LIMITS).overloaded()).toBe(false);
    expect(closes).toEqual([]);
  });

  it('closes a connection whose send buffer is over the bound with 1013, once', () => {
    const { socket, closes } = fakeSocket(4096);
    const connection = new AcceptedConnection(socket, ANONYMOUS, 'ip:1', LIMITS);
    expect(connection.overloaded()).toBe(true);
    expect(connection.overloaded()).toBe(true);
    expect(closes).toEqual([[1013, 'Slow consumer: more than 1024 bytes waiting to be sent']]);
  });

  it('closes with 4403 once the access token has expired, clock skew allowed', () => {
    vi.useFakeTimers();
    const { socket, closes } = fakeSocket();
    new AcceptedConnection(socket, user(60), 'sub:ada', LIMITS);
    vi.advanceTimersByTime(64_000);
    expect(closes).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(closes).toEqual([[4403, 'Forbidden: the access token expired']]);
  });

  it('stops watching the token once the connection is closed', () => {
    vi.useFakeTimers();
    const { socket, closes } = fakeSocket();
    const connection = new AcceptedConnection(socket, user(60), 'sub:ada', LIMITS);
    connection.closed();
    vi.advanceTimersByTime(120_000);
    expect(closes).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets no timer for an anonymous connection, which has no token to expire', () => {
    vi.useFakeTimers();
    new AcceptedConnection(fakeSocket().socket, ANONYMOUS, 'ip:1', LIMITS);
    expect(vi.getTimerCount()).toBe(0);
  });
});
