import type { WebSocket } from 'ws';
import type { Principal } from '../security/principal.js';
import { CLOSE, closeReason } from './closeCodes.js';
import type { ConnectionControl } from './subscriptionTypes.js';

/** A connection lives no longer than its token: past `exp`, the client must come back with a new one. */
export function expiryTimer(
  socket: WebSocket,
  principal: Principal,
  skewSeconds: number,
): NodeJS.Timeout | undefined {
  if (principal.kind !== 'user') return undefined;
  const ms = (principal.expiresAt + skewSeconds) * 1000 - Date.now();
  // setTimeout cannot wait longer than 2^31 - 1 ms; such tokens outlive any connection anyway.
  if (ms > 2 ** 31 - 1) return undefined;
  const timer = setTimeout(
    () => socket.close(CLOSE.forbidden, 'Forbidden: the access token expired'),
    Math.max(0, ms),
  );
  timer.unref();
  return timer;
}

/**
 * Back-pressure for one connection. `bufferedAmount` is what `ws` holds
 * because the socket would not take more: a client that reads slower than
 * its events come grows it, and past the bound it is disconnected with
 * 1013 (try again later) rather than buffered without end.
 */
export function connectionControl(socket: WebSocket, maxBufferedBytes: number): ConnectionControl {
  return new SocketControl(socket, maxBufferedBytes);
}

/**
 * A class, not closures over the socket: every connection holds one, and
 * methods on a shared prototype cost nothing per connection.
 */
class SocketControl implements ConnectionControl {
  constructor(
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  overloaded(): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return true;
    if (this.socket.bufferedAmount <= this.maxBufferedBytes) return false;
    this.tooSlow(`more than ${this.maxBufferedBytes} bytes waiting to be sent`);
    return true;
  }

  tooSlow(reason: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.close(CLOSE.slowConsumer, closeReason(`Slow consumer: ${reason}`));
  }
}
