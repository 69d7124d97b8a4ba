import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { buildSubgraphSchema } from '@apollo/subgraph';
import { createServiceApp } from '@memgate/platform/http';
import type { Tracer } from '@memgate/platform/tracing';
import express from 'express';
import { captureLogger } from './captureLogger.js';
import type { RunningSubgraph } from './tinySubgraphs.js';

export interface ServeOptions {
  /** Serve HTTPS with this certificate and key (PEM). */
  credentials?: { cert: string; key: string };
  /** Continue callers' traces, as every Memgate service does. */
  tracer?: Tracer;
}

/**
 * A subgraph on the HTTP shell every Memgate service uses (request ids,
 * trace continuation), over HTTP or HTTPS: for tests of what travels
 * between the gateway and its subgraphs.
 */
export async function serveSubgraph(
  name: string,
  schema: ReturnType<typeof buildSubgraphSchema>,
  options: ServeOptions = {},
): Promise<RunningSubgraph> {
  const apollo = new ApolloServer({
    schema,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const requests: IncomingHttpHeaders[] = [];
  const { app, finish } = createServiceApp({
    logger: captureLogger('warn').logger,
    readiness: [],
    ...(options.tracer && { tracer: options.tracer }),
  });
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: ({ req }) => {
        requests.push(req.headers);
        return Promise.resolve({});
      },
    }),
  );
  finish();
  const server = options.credentials
    ? createHttpsServer(options.credentials, app)
    : createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = options.credentials ? 'https' : 'http';
  return {
    name,
    url: `${scheme}://127.0.0.1:${port}/graphql`,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}
