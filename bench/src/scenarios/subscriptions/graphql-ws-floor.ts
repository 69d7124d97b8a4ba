/**
 * Entry of a child process serving the floor the subscriptions benchmark
 * compares our gateway with: graphql-ws on `ws` over node:http, as its
 * docs show, with nothing of ours — no authentication, limits, change
 * feed or query plans. Each subscription gets one event at once (so the
 * clients know it is live) and then nothing: what it holds is what any
 * graphql-ws server must hold per subscriber. Speaks the same child
 * protocol as gateway-process.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { failAsChild, serveAsChild, type ChildMessage } from '../../lib/child-process.js';

const schema = buildSchema(/* GraphQL */ `
  type GraphChange {
    kind: String!
    typename: String!
    key: String
  }
  type Query {
    ok: Boolean
  }
  type Subscription {
    graphChanged(types: [String!]): GraphChange!
  }
`);

let active = 0;

type Event = { graphChanged: Record<string, string> };
const EVENT: Event = { graphChanged: { kind: 'created', typename: 'Person', key: 'floor' } };

/**
 * One event, then an open subscription until the client leaves. An
 * iterator rather than an async generator: a generator parked on an await
 * cannot be ended by `return()`, and the count must drop when clients go.
 */
function oneEventThenIdle(): AsyncIterableIterator<Event> {
  active += 1;
  let sent = false;
  let ended = false;
  let release: (() => void) | undefined;
  const finished: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const iterator: AsyncIterableIterator<Event> = {
    next: () => {
      if (ended) return Promise.resolve(finished);
      if (!sent) {
        sent = true;
        return Promise.resolve({ done: false, value: EVENT });
      }
      return new Promise((resolve) => {
        release = () => resolve(finished);
      });
    },
    return: () => {
      if (!ended) {
        ended = true;
        active -= 1;
        release?.();
      }
      return Promise.resolve(finished);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

try {
  const server = createServer();
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  const graphqlWs = useServer(
    { schema, roots: { subscription: { graphChanged: oneEventThenIdle } } },
    sockets,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sample = (): ChildMessage => {
    const { rss, heapUsed } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    return { rss, heapUsed, cpu: user + system, subscriptions: active };
  };
  serveAsChild({ url: `http://127.0.0.1:${port}/graphql` }, sample, async () => {
    await graphqlWs.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
} catch (error) {
  failAsChild(error);
}
