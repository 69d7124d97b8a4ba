import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { connectionControl } from './connectionControl.js';

function fakeSocket(bufferedAmount: number) {
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
  return {
    socket: socket as unknown as WebSocket & { bufferedAmount: number },
    closes,
    raw: socket,
  };
}

describe('connectionControl', () => {
  it('lets events through while the send buffer is within bounds', () => {
    const { socket, closes } = fakeSocket(100);
    expect(connectionControl(socket, 1024).overloaded()).toBe(false);
    expect(closes).toEqual([]);
  });

  it('closes a connection whose send buffer is over the bound with 1013, once', () => {
    const { socket, closes } = fakeSocket(4096);
    const control = connectionControl(socket, 1024);
    expect(control.overloaded()).toBe(true);
    expect(control.overloaded()).toBe(true);
    expect(closes).toEqual([[1013, 'Slow consumer: more than 1024 bytes waiting to be sent']]);
  });
});
