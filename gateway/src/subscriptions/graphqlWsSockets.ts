import type { IncomingMessage } from 'node:http';
import type { Logger } from '@memgate/platform/logging';
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type ServerOptions,
  type WebSocket as ProtocolSocket,
} from 'graphql-ws';
import { WebSocket, type RawData, type Server } from 'ws';
import { closeReason } from './closeCodes.js';

/**
 * A `ws` socket that is also graphql-ws's view of the connection: `ws`
 * already has the `protocol`, `send` and `close` graphql-ws asks for, and
 * the rest of a connection's transport state lives in its fields. `ws`
 * creates it for every upgrade (the `WebSocket` option of its server).
 *
 * `send` is not awaited for the write to reach the kernel: a client that
 * does not read is bounded by the subscription's own limits (bytes
 * buffered, events pending) and dropped with 1013, not by a promise per
 * message.
 */
export class GraphqlWebSocket extends WebSocket implements ProtocolSocket {
  /**
   * The HTTP upgrade request, for `onConnect` (token, client address) only,
   * then let go: its headers and raw headers would be a good part of an
   * idle subscriber's memory.
   */
  upgradeRequest: IncomingMessage | undefined = undefined;
  /** graphql-ws's handler of this connection's messages. */
  handleMessage: ((data: string) => Promise<void>) | undefined = undefined;
  /** graphql-ws's end of the connection, told the close code and reason. */
  handleClose: ((code: number, reason: string) => Promise<void>) | undefined = undefined;
  /** Until connection_init arrives. */
  initTimer: NodeJS.Timeout | undefined = undefined;
  /** Whether the peer answered the last ping; one that did not by the next round is dropped. */
  answeredPing = true;

  onMessage(handler: (data: string) => Promise<void>): void {
    this.handleMessage = handler;
  }
}

/**
 * A `ws` server whose sockets are {@link GraphqlWebSocket}s, or a subclass
 * of it where the server above keeps what it knows about a connection once
 * `onConnect` accepts it: on the socket, which graphql-ws hands every
 * callback as `ctx.extra`, rather than in a map beside it.
 */
export type GraphqlWebSocketServer<T extends typeof GraphqlWebSocket = typeof GraphqlWebSocket> =
  Server<T>;

/** graphql-ws's server options, with the socket as every callback's `ctx.extra`. */
export type GraphqlWsProtocol<Socket extends GraphqlWebSocket> = ServerOptions<
  Record<string, unknown> | undefined,
  Socket
>;

export interface GraphqlWsOptions {
  /** How long a connection may wait before sending connection_init (4408 after). */
  readonly initTimeoutMs: number;
  /** Ping period; a peer that has not answered a ping by the next one is dropped. 0: no pings. */
  readonly keepAliveMs: number;
  /** Internal errors close with 4500 (graphql-ws), without their message in production. */
  readonly production: boolean;
  readonly logger: Logger;
}

export interface ServedGraphqlWs {
  /** Closes every connection (1001 Going Away) and stops accepting new ones. */
  dispose(): Promise<void>;
}

/**
 * graphql-ws's protocol core (`makeServer`) on a `ws` server, in place of
 * graphql-ws's own `useServer` adapter, which gives every connection a
 * dozen closures, a ping interval, a pong timer, a retained init timer and
 * an async listener suspended for as long as a subscription lives: about
 * 1.7 KB of the 7.9 KB an idle subscriber held (ADR 0010). Here the
 * listeners are shared functions that find their state on the socket
 * (`this`), and one timer pings every connection.
 *
 * The socket server must create {@link GraphqlWebSocket}s and answer
 * graphql-ws' sub-protocol: see {@link graphqlWsServerOptions}.
 */
export function serveGraphqlWs<T extends typeof GraphqlWebSocket>(
  sockets: GraphqlWebSocketServer<T>,
  protocol: GraphqlWsProtocol<InstanceType<T>>,
  options: GraphqlWsOptions,
): ServedGraphqlWs {
  const { logger } = options;
  const server = makeServer<Record<string, unknown> | undefined, InstanceType<T>>({
    ...protocol,
    // Timed here, and the timer let go once connection_init comes.
    connectionInitWaitTimeout: 0,
    onConnect: async (ctx) => {
      stopInitTimer(ctx.extra);
      try {
        return await protocol.onConnect?.(ctx);
      } finally {
        ctx.extra.upgradeRequest = undefined;
      }
    },
  });

  const closeOnError = (socket: GraphqlWebSocket, error: unknown): void => {
    if (socket.readyState !== socket.OPEN) return;
    const message = error instanceof Error ? error.message : String(error);
    socket.close(
      CloseCode.InternalServerError,
      options.production ? 'Internal server error' : closeReason(message),
    );
  };

  function onMessage(this: GraphqlWebSocket, data: RawData): void {
    // For a subscribe message this settles only when the subscription ends.
    this.handleMessage?.(rawText(data)).catch((error: unknown) => {
      logger.error({ err: error }, 'graphql-ws message handling failed');
      closeOnError(this, error);
    });
  }
  function onPong(this: GraphqlWebSocket): void {
    this.answeredPing = true;
  }
  // `ws` reports a client's bad frame here (too large, not RFC 6455) after
  // closing with the matching code (1009, 1002…): the client's fault, a warning.
  function onSocketError(this: GraphqlWebSocket, error: Error): void {
    logger.warn({ err: error }, 'WebSocket protocol error');
    closeOnError(this, error);
  }
  function onClose(this: GraphqlWebSocket, code: number, reason: Buffer): void {
    stopInitTimer(this);
    this.handleClose?.(code, reason.toString()).catch((error: unknown) => {
      logger.error({ err: error }, 'graphql-ws close handling failed');
    });
  }

  sockets.on('connection', (socket: InstanceType<T>, request: IncomingMessage) => {
    // `addListener` is typed without the listener's `this`, which is the socket.
    socket.addListener('error', onSocketError);
    socket.addListener('message', onMessage);
    socket.addListener('pong', onPong);
    socket.addListener('close', onClose);
    if (options.initTimeoutMs > 0 && Number.isFinite(options.initTimeoutMs)) {
      socket.initTimer = setTimeout(closeUninitialised, options.initTimeoutMs, socket);
    }
    socket.upgradeRequest = request;
    socket.handleClose = server.opened(socket, socket);
  });
  // The HTTP server's errors come through here too; unheard, they would throw.
  sockets.on('error', (error: Error) => {
    logger.error({ err: error }, 'WebSocket server error: closing every connection');
    for (const socket of sockets.clients) closeOnError(socket, error);
  });

  const pings =
    options.keepAliveMs > 0 && Number.isFinite(options.keepAliveMs)
      ? setInterval(() => pingAll(sockets), options.keepAliveMs).unref()
      : undefined;

  return {
    dispose: async () => {
      clearInterval(pings);
      for (const socket of sockets.clients) socket.close(1001, 'Going away');
      sockets.removeAllListeners();
      await new Promise<void>((resolve, reject) => {
        sockets.close((error?: Error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

/**
 * What the `ws` server needs to serve graphql-ws: its socket class
 * ({@link GraphqlWebSocket} or a subclass) and its sub-protocol.
 */
export function graphqlWsServerOptions<T extends typeof GraphqlWebSocket>(
  socketClass: T,
): { readonly WebSocket: T; readonly handleProtocols: typeof handleProtocols } {
  return { WebSocket: socketClass, handleProtocols };
}

/** One round of the keep-alive: drop who did not answer the last ping, ping the rest. */
function pingAll<T extends typeof GraphqlWebSocket>(sockets: GraphqlWebSocketServer<T>): void {
  for (const socket of sockets.clients) {
    if (socket.readyState !== socket.OPEN) continue;
    if (!socket.answeredPing) {
      socket.terminate();
      continue;
    }
    socket.answeredPing = false;
    socket.ping();
  }
}

function closeUninitialised(socket: GraphqlWebSocket): void {
  socket.initTimer = undefined;
  if (socket.readyState !== socket.OPEN) return;
  socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
}

function stopInitTimer(socket: GraphqlWebSocket): void {
  clearTimeout(socket.initTimer);
  socket.initTimer = undefined;
}

/** A message as text: `ws` hands a Buffer, or its fragments, or an ArrayBuffer. */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString();
}
