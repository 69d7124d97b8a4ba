import WebSocket from 'ws';

export interface RawSocket {
  readonly socket: WebSocket;
  readonly messages: Record<string, unknown>[];
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: Record<string, unknown>): void;
  /** Waits for the next message of this type. */
  next(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** A bare graphql-transport-ws socket, for testing the protocol itself. */
export async function openRaw(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<RawSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', options);
  const messages: Record<string, unknown>[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('message', (data: Buffer) =>
    messages.push(JSON.parse(data.toString()) as Record<string, unknown>),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let seen = 0;
  return {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    async next(type, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex(
          (message, position) => position >= seen && message['type'] === type,
        );
        if (index >= 0) {
          seen = index + 1;
          return messages[index] as Record<string, unknown>;
        }
        if (Date.now() > deadline)
          throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
