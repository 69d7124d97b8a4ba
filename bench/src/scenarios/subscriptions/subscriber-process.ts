/**
 * Entry of a child process holding `count` graphql-ws subscribers of one
 * gateway, `perConnection` subscriptions on each connection (1: as that
 * many browser tabs would; more: as an app multiplexing its views). Connects them in small waves, prints `{"ready": true}` once
 * every subscription is sent, then samples: results received, when the last
 * one came (epoch ms), connections the server closed. `reset` zeroes the
 * counts; closing stdin disconnects everyone and exits.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { failAsChild, serveAsChild } from '../../lib/child-process.js';

const [url = '', countText = '0', query = '', perConnectionText = '1'] = process.argv.slice(2);
const count = Number(countText);
const perConnection = Math.max(1, Number(perConnectionText));
const WAVE = 100;

let received = 0;
let lastAt = 0;
let closed = 0;
const clients: Client[] = [];

function connectOne(subscriptions: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      keepAlive: 0,
      onNonLazyError: reject,
      on: {
        connected: () => resolve(),
        closed: () => {
          closed += 1;
        },
      },
    });
    clients.push(client);
    for (let index = 0; index < subscriptions; index += 1) {
      client.subscribe(
        { query },
        {
          next: () => {
            received += 1;
            lastAt = performance.timeOrigin + performance.now();
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    }
  });
}

try {
  const connections = Math.ceil(count / perConnection);
  for (let opened = 0; opened < connections; opened += WAVE) {
    const wave = Math.min(WAVE, connections - opened);
    await Promise.all(
      Array.from({ length: wave }, (_, index) =>
        connectOne(Math.min(perConnection, count - (opened + index) * perConnection)),
      ),
    );
  }
  closed = 0;
  serveAsChild(
    { ready: true },
    () => ({ received, lastAt, closed }),
    async () => {
      await Promise.all(
        clients.map(async (client) => {
          await client.dispose();
        }),
      );
    },
    {
      intervalMs: 500,
      onCommand: (line) => {
        if (line !== 'reset') return;
        received = 0;
        lastAt = 0;
      },
    },
  );
} catch (error) {
  failAsChild(error);
}
