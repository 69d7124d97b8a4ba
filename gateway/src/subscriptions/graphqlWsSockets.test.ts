import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { captureLogger } from '../../test/captureLogger.js';
import { openRaw, type RawSocket } from '../../test/rawSocket.js';
import {
  GraphqlWebSocket,
  graphqlWsServerOptions,
  serveGraphqlWs,
  type GraphqlWebSocketServer,
  type GraphqlWsOptions,
  type GraphqlWsProtocol,
} from './graphqlWsSockets.js';

/** A server's own socket class, keeping what it knows of a connection. */
class SessionSocket extends GraphqlWebSocket {
  session: { readonly user: string } | undefined = undefined;
}

type Protocol = GraphqlWsProtocol<SessionSocket>;

const opened: { http: Server; dispose: () => Promise<void> }[] = [];
const sockets: RawSocket[] = [];

afterEach(async () => {
  for (const raw of sockets.splice(0)) raw.socket.terminate();
  for (const { http, dispose } of opened.splice(0)) {
    // A test may have disposed of it already.
    await dispose().catch(() => undefined);
    await new Promise((resolve) => http.close(resolve));
  }
});

/** graphql-ws on a loopback HTTP server through the adapter under test. */
async function serve(
  protocol: Protocol = {},
  options: Partial<GraphqlWsOptions> = {},
  maxPayload?: number,
) {
  const http = createServer();
  const server: GraphqlWebSocketServer<typeof SessionSocket> = new WebSocketServer({
    server: http,
    ...(maxPayload !== undefined && { maxPayload }),
    ...graphqlWsServerOptions(SessionSocket),
  });
  const log = captureLogger('debug');
  const served = serveGraphqlWs(server, protocol, {
    initTimeoutMs: 10_000,
    keepAliveMs: 0,
    production: false,
    logger: log.logger,
    ...options,
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  opened.push({ http, dispose: () => served.dispose() });
  const { port } = http.address() as AddressInfo;
  const open = async (clientOptions: Parameters<typeof openRaw>[1] = {}) => {
    const raw = await openRaw(`ws://127.0.0.1:${port}/`, clientOptions);
    sockets.push(raw);
    return raw;
  };
  return { server, served, open, log };
}

async function acknowledged(open: () => Promise<RawSocket>): Promise<RawSocket> {
  const raw = await open();
  raw.send({ type: 'connection_init' });
  await raw.next('connection_ack');
  return raw;
}

describe('graphql-ws on ws sockets', () => {
  it('closes with 4408 when connection_init does not come in time', async () => {
    const { open } = await serve({}, { initTimeoutMs: 50 });
    const raw = await open();
    expect(await raw.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('lets the init timer go once connection_init comes, so it does not fire later', async () => {
    const { server, open } = await serve({}, { initTimeoutMs: 100 });
    const raw = await acknowledged(open);
    const [socket] = [...server.clients];
    expect(socket?.initTimer).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });

  it('hands onConnect the upgrade request, keeps the session it sets, and lets the request go', async () => {
    const seen: (string | undefined)[] = [];
    const { server, open } = await serve({
      onConnect: (ctx) => {
        seen.push(ctx.extra.upgradeRequest?.headers['user-agent']);
        ctx.extra.session = { user: 'ada' };
      },
    });
    await acknowledged(() => open({ headers: { 'user-agent': 'probe/1' } }));
    const [socket] = [...server.clients];
    expect(seen).toEqual(['probe/1']);
    expect(socket?.upgradeRequest).toBeUndefined();
    expect(socket?.session).toEqual({ user: 'ada' });
  });

  it('answers protocol violations with graphql-ws close codes (4400 here)', async () => {
    const { open } = await serve();
    const raw = await open();
    raw.socket.send('not json');
    expect((await raw.closed).code).toBe(4400);
  });

  it('closes with 1009 on a frame over the size limit, and logs it as a warning', async () => {
    const { open, log } = await serve({}, {}, 1024);
    const raw = await open();
    raw.socket.send('x'.repeat(2048));
    expect((await raw.closed).code).toBe(1009);
    await vi.waitFor(() =>
      expect(log.lines()).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: 'WebSocket protocol error' }),
      ),
    );
  });

  it('pings every connection from one timer and drops a peer that stops answering', async () => {
    const { open } = await serve({}, { keepAliveMs: 50 });
    const alive = await open();
    const dead = await open({ autoPong: false });
    let pings = 0;
    dead.socket.on('ping', () => (pings += 1));
    expect((await dead.closed).code).toBe(1006);
    expect(pings).toBe(1);
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
  });

  it('closes with 4500 (internal error) and the reason when handling a message fails, and logs it', async () => {
    const { open, log } = await serve({
      onSubscribe: () => {
        throw new Error('the hook broke');
      },
    });
    const raw = await acknowledged(open);
    raw.send({ id: '1', type: 'subscribe', payload: { query: '{ a }' } });
    expect(await raw.closed).toEqual({ code: 4500, reason: 'the hook broke' });
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ msg: 'graphql-ws message handling failed' }),
    );
  });

  it('keeps the reason of an internal error to itself in production', async () => {
    const { open } = await serve(
      {
        onSubscribe: () => {
          throw new Error('secret detail');
        },
      },
      { production: true },
    );
    const raw = await acknowledged(open);
    raw.send({ id: '1', type: 'subscribe', payload: { query: '{ a }' } });
    expect(await raw.closed).toEqual({ code: 4500, reason: 'Internal server error' });
  });

  it('tells graphql-ws when a connection closes, with its code and reason', async () => {
    const closes: [number | undefined, string | undefined][] = [];
    const { open } = await serve({
      onClose: (_ctx, code, reason) => {
        closes.push([code, reason]);
      },
    });
    const raw = await acknowledged(open);
    raw.socket.close(4000, 'bye');
    await vi.waitFor(() => expect(closes).toEqual([[4000, 'bye']]));
  });

  it('closes every connection on a server error, and when disposed with 1001', async () => {
    const first = await serve();
    const broken = await acknowledged(first.open);
    first.server.emit('error', new Error('listen failed'));
    expect((await broken.closed).code).toBe(4500);

    const second = await serve();
    const leaving = await acknowledged(second.open);
    await second.served.dispose();
    expect(await leaving.closed).toEqual({ code: 1001, reason: 'Going away' });
  });
});
