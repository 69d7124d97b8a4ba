import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createServiceApp, type ReadinessCheck } from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import type { Tracer } from '@memgate/platform/tracing';
import express, { type Express, type RequestHandler } from 'express';
import { receiptRoute } from '../receipts/receipt-route.js';
import type { ReceiptFinder } from '../receipts/receipt-resolvers.js';
import type { MappingRegistry } from '../mapping/mapping-registry.js';
import type { UploadAcceptor } from '../upload/upload-acceptor.js';
import { uploadRoute } from '../upload/upload-route.js';

/**
 * A mutation carries up to MEMGATE_MAX_RECORDS_PER_REQUEST records of a few
 * hundred bytes each; the record count, not the body size, is the limit
 * clients are told about.
 */
const GRAPHQL_BODY_LIMIT = '64mb';

export interface IngestionHttpParts {
  readonly apollo: ApolloServer;
  readonly receipts: ReceiptFinder;
  /** `POST /ingest/{source}`; absent, the service takes no uploads (tests of the GraphQL side). */
  readonly uploads?: {
    readonly sources: Pick<MappingRegistry, 'find' | 'sources'>;
    readonly acceptor: Pick<UploadAcceptor, 'accept'>;
  };
  /** What /readyz checks: the engine and the broker. */
  readonly readiness: readonly ReadinessCheck[];
  /** Serves /metrics. */
  readonly metrics?: { readonly handler: RequestHandler };
  /** A server span around every request, continuing the caller's trace. */
  readonly tracer?: Tracer;
  /** Guards of /graphql, before its body parser: `requireInternalIdentity` reads headers only. */
  readonly graphqlAccess: readonly RequestHandler[];
  /** Guard of the REST routes under /ingest: `requireRestCaller`. */
  readonly restAccess?: RequestHandler;
  readonly logger: Logger;
}

/**
 * GraphQL at /graphql, uploads and receipts over REST, and the shell every
 * service shares (/healthz, /readyz, /metrics, request ids, tracing).
 * Uploads read their own body as a stream: no body parser runs before them,
 * and their guard answers before a byte of the body is read.
 */
export function createIngestionHttpApp(parts: IngestionHttpParts): Express {
  const { app, finish } = createServiceApp({
    logger: parts.logger,
    readiness: parts.readiness,
    ...(parts.metrics && { metrics: parts.metrics }),
    ...(parts.tracer && { tracer: parts.tracer }),
  });
  // The caller is checked before a byte of the body is parsed: a stranger
  // must not make the service buffer and parse up to GRAPHQL_BODY_LIMIT.
  app.use(
    '/graphql',
    ...parts.graphqlAccess,
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    expressMiddleware(parts.apollo),
  );
  if (parts.restAccess) app.use('/ingest', parts.restAccess);
  if (parts.uploads) app.use(uploadRoute(parts.uploads.sources, parts.uploads.acceptor));
  app.use(receiptRoute(parts.receipts));
  finish();
  return app;
}
