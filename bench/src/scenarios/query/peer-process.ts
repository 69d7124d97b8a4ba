/**
 * Entry of a child process serving one benchmark peer over HTTP, so each
 * server has its own event loop and its memory is its own. Reads the peer
 * from argv and the engine from MEMGRAPH_URI (+ user/password); sends its
 * URL once listening, then a memory sample every 250 ms (lib/child-process.ts);
 * exits when its parent closes stdin.
 */
import { failAsChild, memorySample, serveAsChild } from '../../lib/child-process.js';
import {
  startHandWrittenResolvers,
  startMemgate,
  startNeo4jGraphql,
  type Server,
} from './end-to-end.js';

const peer = process.argv[2];
const engine = {
  uri: process.env['MEMGRAPH_URI'] ?? '',
  user: process.env['MEMGRAPH_USER'],
  password: process.env['MEMGRAPH_PASSWORD'],
  external: true,
  readyAfterMs: 0,
};
const starters: Record<string, () => Promise<Server & { url: string }>> = {
  memgate: () => startMemgate(engine),
  neo4j: () => startNeo4jGraphql(engine),
  'hand-written': () => startHandWrittenResolvers(engine),
};
try {
  const start = peer ? starters[peer] : undefined;
  if (!start)
    throw new Error(`unknown peer ${String(peer)}; one of ${Object.keys(starters).join(', ')}`);
  const server = await start();
  serveAsChild({ url: server.url }, memorySample, () => server.close());
} catch (error) {
  failAsChild(error);
}
