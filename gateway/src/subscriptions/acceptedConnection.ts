import type { WebSocket } from 'ws';
import type { Principal } from '../security/principal.js';
import { CLOSE, closeReason } from './closeCodes.js';
import type { ConnectionControl } from './subscriptionTypes.js';

/**
 * A WebSocket connection once `connection_init` is accepted: who it is,
 * the client id its rate limit is kept under, its back-pressure and the
 * expiry of its token. One object per connection, with methods on the
 * prototype: with thousands of idle subscribers, every field and closure
 * per connection counts.
 */
export class AcceptedConnection implements ConnectionControl {
  private expiry: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    readonly principal: Principal,
    readonly clientId: string,
    private readonly limits: {
      readonly maxBufferedBytes: number;
      readonly clockSkewSeconds: number;
    },
  ) {
    this.expiry = expiryTimer(socket, principal, limits.clockSkewSeconds);
  }

  /**
   * Back-pressure. `bufferedAmount` is what `ws` holds because the socket
   * would not take more: a client that reads slower than its events come
   * grows it, and past the bound it is disconnected with 1013 (try again
   * later) rather than buffered without end.
   */
  overloaded(): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return true;
    if (this.socket.bufferedAmount <= this.limits.maxBufferedBytes) return false;
    this.tooSlow(`more than ${this.limits.maxBufferedBytes} bytes waiting to be sent`);
    return true;
  }

  tooSlow(reason: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.close(CLOSE.slowConsumer, closeReason(`Slow consumer: ${reason}`));
  }

  /** The connection is gone: its token no longer needs watching. */
  closed(): void {
    clearTimeout(this.expiry);
    this.expiry = undefined;
  }
}

/** A connection lives no longer than its token: past `exp`, the client must come back with a new one. */
function expiryTimer(
  socket: WebSocket,
  principal: Principal,
  skewSeconds: number,
): NodeJS.Timeout | undefined {
  if (principal.kind !== 'user') return undefined;
  const ms = (principal.expiresAt + skewSeconds) * 1000 - Date.now();
  // setTimeout cannot wait longer than 2^31 - 1 ms; such tokens outlive any connection anyway.
  if (ms > 2 ** 31 - 1) return undefined;
  return setTimeout(closeExpired, Math.max(0, ms), socket).unref();
}

function closeExpired(socket: WebSocket): void {
  socket.close(CLOSE.forbidden, 'Forbidden: the access token expired');
}
